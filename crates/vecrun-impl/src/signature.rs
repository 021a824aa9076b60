//! The signature of the `extern fn` being served, read from (and written as) the request stream's schema.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{Field, Schema};

use crate::types::ValueType;

/// Metadata key of the protocol version; its value is [`PROTOCOL_VERSION`].
pub const META_PROTOCOL: &str = "vecrun.protocol";
/// Metadata key of the `extern fn`'s name.
pub const META_FUNCTION: &str = "vecrun.function";
/// Metadata key of the result type, in spec spelling (`u32`, `[u32; 4]`).
pub const META_RESULT: &str = "vecrun.result";
/// The protocol version this crate speaks.
pub const PROTOCOL_VERSION: &str = "1";
/// The name of the answer stream's one field.
pub const RESULT_FIELD: &str = "result";

/// One parameter of the `extern fn`: a column of the request batches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    /// The parameter's name in the spec (the column's name).
    pub name: String,
    /// Its type.
    pub ty: ValueType,
}

/// What a request stream asks for: the function, its parameters in order, its result type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The `extern fn`'s name (`vecrun.function`).
    pub function: String,
    /// One per request column, in order.
    pub params: Vec<Param>,
    /// The result type (`vecrun.result`).
    pub result: ValueType,
}

impl Signature {
    /// Reads the signature from a request stream's schema: protocol `1`, the function name, the result
    /// type, one field of a vecrun type per parameter.
    pub fn from_request_schema(schema: &Schema) -> Result<Signature, String> {
        let meta = schema.metadata();
        let get = |key: &str| meta.get(key).ok_or_else(|| format!("the request schema has no `{key}` metadata"));
        let protocol = get(META_PROTOCOL)?;
        if protocol != PROTOCOL_VERSION {
            return Err(format!("the request speaks vecrun protocol `{protocol}`; this harness speaks `{PROTOCOL_VERSION}`"));
        }
        let function = get(META_FUNCTION)?.clone();
        let result = ValueType::parse(get(META_RESULT)?).map_err(|e| format!("`{META_RESULT}`: {e}"))?;
        let params = schema
            .fields()
            .iter()
            .map(|field| {
                let ty = ValueType::from_arrow(field.data_type()).map_err(|e| format!("parameter `{}`: {e}", field.name()))?;
                Ok(Param { name: field.name().clone(), ty })
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Signature { function, params, result })
    }

    /// The signature of the request stream a batch came from (its schema carries the metadata).
    pub fn of_batch(batch: &RecordBatch) -> Result<Signature, String> {
        Signature::from_request_schema(batch.schema_ref())
    }

    /// The request schema vecrun sends for this signature (what a driver or a test writes).
    pub fn request_schema(&self) -> Schema {
        let fields: Vec<Field> = self.params.iter().map(|p| Field::new(p.name.clone(), p.ty.arrow(), false)).collect();
        let metadata = HashMap::from([
            (META_PROTOCOL.to_string(), PROTOCOL_VERSION.to_string()),
            (META_FUNCTION.to_string(), self.function.clone()),
            (META_RESULT.to_string(), self.result.to_string()),
        ]);
        Schema::new_with_metadata(fields, metadata)
    }

    /// The answer stream's schema: one non-nullable field `result` of the result type.
    pub fn answer_schema(&self) -> Arc<Schema> {
        Arc::new(Schema::new(vec![Field::new(RESULT_FIELD, self.result.arrow(), false)]))
    }

    /// Checks that the request has the parameter types and result type a typed harness was written for.
    pub fn expect(&self, params: &[ValueType], result: ValueType) -> Result<(), String> {
        let asked: Vec<String> = self.params.iter().map(|p| p.ty.to_string()).collect();
        let served: Vec<String> = params.iter().map(ValueType::to_string).collect();
        if asked != served || self.result != result {
            return Err(format!(
                "the request asks for `{}({}) -> {}` but this harness implements `({}) -> {result}`",
                self.function,
                asked.join(", "),
                self.result,
                served.join(", "),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ScalarType;

    fn ledger() -> Signature {
        Signature {
            function: "ledger".into(),
            params: vec![
                Param { name: "ops".into(), ty: ValueType::Array(ScalarType::U32, 16) },
                Param { name: "amount".into(), ty: ValueType::Scalar(ScalarType::U32) },
            ],
            result: ValueType::Array(ScalarType::U32, 2),
        }
    }

    #[test]
    fn request_schema_round_trips() {
        let schema = ledger().request_schema();
        assert_eq!(schema.metadata()[META_RESULT], "[u32; 2]");
        assert_eq!(Signature::from_request_schema(&schema), Ok(ledger()));
    }

    #[test]
    fn missing_or_wrong_metadata_is_refused() {
        let schema = ledger().request_schema();
        for (key, value) in [(META_PROTOCOL, Some("2")), (META_PROTOCOL, None), (META_FUNCTION, None), (META_RESULT, Some("u128"))] {
            let mut metadata = schema.metadata().clone();
            match value {
                Some(value) => metadata.insert(key.to_string(), value.to_string()),
                None => metadata.remove(key),
            };
            let changed = Schema::new_with_metadata(schema.fields().clone(), metadata);
            let err = Signature::from_request_schema(&changed).expect_err("accepted");
            assert!(err.contains(key) || err.contains("protocol"), "{err}");
        }
    }

    #[test]
    fn expect_names_both_signatures() {
        let sig = ledger();
        assert!(sig.expect(&[ValueType::Array(ScalarType::U32, 16), ValueType::Scalar(ScalarType::U32)], sig.result).is_ok());
        let err = sig.expect(&[ValueType::Scalar(ScalarType::U32)], sig.result).expect_err("accepted");
        assert_eq!(err, "the request asks for `ledger([u32; 16], u32) -> [u32; 2]` but this harness implements `(u32) -> [u32; 2]`");
    }
}
