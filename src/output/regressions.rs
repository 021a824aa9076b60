//! The committed regressions file next to a spec (`<spec path>.regressions`): JSON lines, one
//! counterexample per line with its values by input name (and the seed and index it came from),
//! replayed first by every `vecrun run` so a once-found bug is checked forever. Also the mapping
//! of stored values onto a (possibly edited) program, shared with `vecrun replay`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value as Json;

use super::model::Counterexample;
use super::parquet::parse_type;
use crate::check::Type;
use crate::ir::Program;
use crate::sem::{ScalarType, display_f32, display_f64};

/// The regressions file of a spec: the spec's path with `.regressions` appended.
pub fn path_for(spec_path: &Path) -> PathBuf {
    let mut p = spec_path.as_os_str().to_owned();
    p.push(".regressions");
    PathBuf::from(p)
}

/// A map serialised as a JSON object in the order of the vector (input order, not sorted).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> OrderedMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V_<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V_<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(String, V)> = Vec::new();
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    if out.iter().any(|(e, _)| *e == k) {
                        return Err(serde::de::Error::custom(format!("`{k}` appears twice")));
                    }
                    out.push((k, v));
                }
                Ok(OrderedMap(out))
            }
        }
        d.deserialize_map(V_(std::marker::PhantomData))
    }
}

/// One saved counterexample: the values (by input name) are the shrunk vector; `phase`,
/// `vector_index` and `seed` regenerate the original vector it was shrunk from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Regression {
    pub property: String,
    pub phase: String,
    pub vector_index: u64,
    pub seed: u64,
    /// The spec's hash when the counterexample was found (informative; replay does not require it).
    #[serde(default)]
    pub spec_hash: String,
    /// Input values as JSON: numbers, booleans, arrays of them; non-finite f32 as `"NaN"`, `"inf"`,
    /// `"-inf"`, `"NaN(0x7FC00001)"`.
    pub values: OrderedMap<Json>,
    /// Each input's type when recorded (`u32`, `[u32; 16]`); an input missing here is not type-checked.
    #[serde(default)]
    pub types: OrderedMap<String>,
}

/// Why a saved counterexample cannot be replayed against the current spec.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NotApplicable {
    #[error("property `{property}` no longer exists")]
    PropertyMissing { property: String },
    #[error("input `{input}` no longer exists")]
    InputRemoved { input: String },
    #[error("input `{input}` is new (the counterexample has no value for it)")]
    InputAdded { input: String },
    #[error("input `{input}` changed type from {was} to {now}")]
    TypeChanged { input: String, was: String, now: String },
    #[error("input `{input}` = {value} is outside its domain now")]
    OutOfDomain { input: String, value: String },
    #[error("input `{input}`: {detail}")]
    BadValue { input: String, detail: String },
}

impl NotApplicable {
    /// A short tag: `property missing`, `input removed`, `input added`, `type changed`, `out of domain`, `bad value`.
    pub fn kind(&self) -> &'static str {
        match self {
            NotApplicable::PropertyMissing { .. } => "property missing",
            NotApplicable::InputRemoved { .. } => "input removed",
            NotApplicable::InputAdded { .. } => "input added",
            NotApplicable::TypeChanged { .. } => "type changed",
            NotApplicable::OutOfDomain { .. } => "out of domain",
            NotApplicable::BadValue { .. } => "bad value",
        }
    }
}

/// Why the regressions file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum RegressionError {
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Read(crate::fsio::ReadError),
    #[error(transparent)]
    Write(#[from] super::WriteError),
    #[error("{}:{line}: not a regression record: {detail}", path.display())]
    Parse { path: PathBuf, line: usize, detail: String },
}

fn scalar_json(s: ScalarType, bits: u32) -> Json {
    match s {
        ScalarType::Bool => Json::Bool(bits != 0),
        ScalarType::U32 | ScalarType::U8 | ScalarType::U16 => Json::from(bits),
        ScalarType::I32 | ScalarType::I8 | ScalarType::I16 => Json::from(bits as i32),
        ScalarType::F32 => {
            let v = f32::from_bits(bits);
            if v.is_finite() {
                // JSON numbers are read as f64 and then rounded to f32. The shortest f32 text
                // (`0.1`, not `0.10000000149011612`) survives that for every finite f32 but one
                // pair (±7.038531e-26, 0x15AE43FD, found by an exhaustive check); there, and
                // anywhere it would not, the exact f64 value of the f32 is written instead.
                let short: Option<f64> = format!("{v:?}").parse().ok().filter(|d: &f64| (*d as f32).to_bits() == bits);
                serde_json::Number::from_f64(short.unwrap_or(v as f64)).map(Json::Number).unwrap_or_else(|| Json::String(display_f32(v)))
            } else {
                Json::String(display_f32(v))
            }
        }
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => wide_json(s, bits as u64),
    }
}

/// A 64-bit value as JSON: an integer, or an `f64` as a number (serde's shortest text reads back
/// to the same bits) or, not finite, as `"inf"`, `"-inf"`, `"NaN"`, `"NaN(0x7FF8000000000001)"`.
fn wide_json(s: ScalarType, v: u64) -> Json {
    match s {
        ScalarType::F64 => {
            let x = f64::from_bits(v);
            serde_json::Number::from_f64(x).filter(|_| x.is_finite()).map(Json::Number).unwrap_or_else(|| Json::String(display_f64(x)))
        }
        ScalarType::I64 => Json::from(v as i64),
        _ => Json::from(v),
    }
}

/// Reads a 64-bit value of type `s` from JSON.
fn wide_from_json(s: ScalarType, v: &Json) -> Result<u64, ValueError> {
    let bad = || ValueError::NotScalar { value: v.clone(), ty: s };
    match s {
        ScalarType::F64 => match v {
            Json::Number(n) => n.as_f64().filter(|x| x.is_finite()).map(f64::to_bits).ok_or_else(bad),
            Json::String(t) => parse_f64_text(t).ok_or_else(bad),
            _ => Err(bad()),
        },
        ScalarType::I64 => v.as_i64().map(|n| n as u64).ok_or_else(bad),
        _ => v.as_u64().ok_or_else(bad),
    }
}

/// `NaN`, `NaN(0x7FF8000000000001)`, `inf`, `-inf`, or a decimal, as an `f64` pattern.
fn parse_f64_text(t: &str) -> Option<u64> {
    let t = t.trim();
    match t {
        "NaN" | "nan" => return Some(0x7FF8_0000_0000_0000),
        "inf" | "+inf" | "infinity" => return Some(f64::INFINITY.to_bits()),
        "-inf" | "-infinity" => return Some(f64::NEG_INFINITY.to_bits()),
        _ => {}
    }
    if let Some(hex) = t.strip_prefix("NaN(0x").and_then(|r| r.strip_suffix(')')) {
        let bits = u64::from_str_radix(hex, 16).ok()?;
        return crate::sem::wide::f64_is_nan(bits).then_some(bits);
    }
    t.parse::<f64>().ok().map(f64::to_bits)
}

/// An input's value as JSON (a scalar, or an array of scalars; a 64-bit integer from its two words,
/// low first, as a JSON integer).
pub fn value_json(ty: Type, bits: &[u32]) -> Json {
    match ty {
        Type::Scalar(s) if s.is_wide() => {
            let v = bits.first().copied().unwrap_or(0) as u64 | (bits.get(1).copied().unwrap_or(0) as u64) << 32;
            wide_json(s, v)
        }
        Type::Array(s, _) if s.is_wide() => {
            Json::Array(bits.chunks(2).map(|w| wide_json(s, w[0] as u64 | (w.get(1).copied().unwrap_or(0) as u64) << 32)).collect())
        }
        Type::Scalar(s) => scalar_json(s, bits.first().copied().unwrap_or(0)),
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
        Type::Array(s, _) => Json::Array(bits.iter().map(|b| scalar_json(s, *b)).collect()),
    }
}

/// Why a stored JSON value is not a value of an input's type.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValueError {
    #[error("`{value}` is not a {ty}")]
    NotScalar { value: Json, ty: ScalarType },
    #[error("`{value}` is not an array of {len} {elem}")]
    NotArray { value: Json, len: u32, elem: ScalarType },
    #[error("has {found} elements, the input has {expected}")]
    Length { found: usize, expected: u32 },
}

fn scalar_from_json(s: ScalarType, v: &Json) -> Result<u32, ValueError> {
    let bad = || ValueError::NotScalar { value: v.clone(), ty: s };
    match s {
        ScalarType::Bool => match v {
            Json::Bool(b) => Ok(*b as u32),
            _ => Err(bad()),
        },
        ScalarType::U32 | ScalarType::U8 | ScalarType::U16 | ScalarType::I32 | ScalarType::I8 | ScalarType::I16 => {
            let (lo, hi) = s.int_range();
            v.as_i64().filter(|n| (lo..=hi).contains(n)).map(|n| n as i32 as u32).ok_or_else(bad)
        }
        ScalarType::F32 => match v {
            Json::Number(n) => {
                let x = n.as_f64().ok_or_else(bad)?;
                let f = x as f32;
                if f.is_finite() { Ok(f.to_bits()) } else { Err(bad()) }
            }
            Json::String(t) => parse_f32_text(t).ok_or_else(bad),
            _ => Err(bad()),
        },
        ScalarType::U64 | ScalarType::I64 | ScalarType::F64 => Err(bad()),
    }
}

/// `NaN`, `NaN(0x7FC00001)`, `inf`, `-inf`, or a decimal.
fn parse_f32_text(t: &str) -> Option<u32> {
    let t = t.trim();
    match t {
        "NaN" | "nan" => return Some(0x7FC0_0000),
        "inf" | "+inf" | "infinity" => return Some(f32::INFINITY.to_bits()),
        "-inf" | "-infinity" => return Some(f32::NEG_INFINITY.to_bits()),
        _ => {}
    }
    if let Some(hex) = t.strip_prefix("NaN(0x").and_then(|r| r.strip_suffix(')')) {
        let bits = u32::from_str_radix(hex, 16).ok()?;
        return f32::from_bits(bits).is_nan().then_some(bits);
    }
    t.parse::<f32>().ok().map(f32::to_bits)
}

/// Reads an input's value from JSON as bit patterns, for type `ty`.
pub fn value_from_json(ty: Type, v: &Json) -> Result<Vec<u32>, ValueError> {
    match ty {
        Type::Scalar(s) if s.is_wide() => {
            let n = wide_from_json(s, v)?;
            Ok(vec![n as u32, (n >> 32) as u32])
        }
        Type::Scalar(s) => scalar_from_json(s, v).map(|b| vec![b]),
        Type::Record(_) | Type::RecordArray(..) => {
            unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
        }
        Type::Array(s, n) => {
            let items = v.as_array().ok_or_else(|| ValueError::NotArray { value: v.clone(), len: n, elem: s })?;
            if items.len() != n as usize {
                return Err(ValueError::Length { found: items.len(), expected: n });
            }
            if s.is_wide() {
                return items
                    .iter()
                    .map(|x| wide_from_json(s, x).map(|n| [n as u32, (n >> 32) as u32]))
                    .collect::<Result<Vec<_>, _>>()
                    .map(|w| w.concat());
            }
            items.iter().map(|x| scalar_from_json(s, x)).collect()
        }
    }
}

impl Regression {
    /// A regression from one vector of `program` (`slots` in slot order).
    pub fn from_slots(
        property: &str,
        phase: &str,
        vector_index: u64,
        seed: u64,
        spec_hash: &str,
        program: &Program,
        slots: &[u32],
    ) -> Regression {
        let mut values = Vec::with_capacity(program.inputs.len());
        let mut types = Vec::with_capacity(program.inputs.len());
        for i in &program.inputs {
            let first = (i.first_slot as usize).min(slots.len());
            let end = (first + i.ty.slots() as usize).min(slots.len());
            values.push((i.name.clone(), value_json(i.ty, &slots[first..end])));
            types.push((i.name.clone(), i.ty.to_string()));
        }
        Regression {
            property: property.to_string(),
            phase: phase.to_string(),
            vector_index,
            seed,
            spec_hash: spec_hash.to_string(),
            values: OrderedMap(values),
            types: OrderedMap(types),
        }
    }

    /// A regression from a counterexample: its shrunk values (the original ones when it was not shrunk).
    pub fn from_counterexample(c: &Counterexample, program: &Program, seed: u64, spec_hash: &str) -> Regression {
        let slots = if c.shrunk.is_empty() { &c.original } else { &c.shrunk };
        Regression::from_slots(&c.property, c.phase.name(), c.vector_index, seed, spec_hash, program, slots)
    }

    /// What makes two records the same regression: the property and the values.
    fn key(&self) -> String {
        format!("{}\u{0}{}", self.property, serde_json::to_string(&self.values).unwrap_or_default())
    }

    /// The record as one JSON line (no newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Parses a regressions file's text: one JSON object per line; blank lines and lines starting
/// with `#` or `//` are comments.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Regression>, RegressionError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("//") {
            continue;
        }
        let r: Regression =
            serde_json::from_str(t).map_err(|e| RegressionError::Parse { path: path.to_path_buf(), line: i + 1, detail: e.to_string() })?;
        out.push(r);
    }
    Ok(out)
}

/// Largest regressions file vecrun reads.
pub const MAX_REGRESSIONS_BYTES: u64 = crate::fsio::MAX_JSON_BYTES;

/// The text of the regressions file at `path` (a regular file, at most [`MAX_REGRESSIONS_BYTES`]),
/// or `None` when there is none.
fn read_text(path: &Path) -> Result<Option<String>, RegressionError> {
    match crate::fsio::read_limited(path, MAX_REGRESSIONS_BYTES) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| RegressionError::Parse {
            path: path.to_path_buf(),
            line: 0,
            detail: "the file is not UTF-8".into(),
        }),
        Err(e) if e.io_kind() == Some(std::io::ErrorKind::NotFound) => Ok(None),
        Err(e) => Err(RegressionError::Read(e)),
    }
}

/// The regressions saved next to `spec_path` (none when the file does not exist).
pub fn load(spec_path: &Path) -> Result<Vec<Regression>, RegressionError> {
    let path = path_for(spec_path);
    match read_text(&path)? {
        Some(text) => parse(&path, &text),
        None => Ok(Vec::new()),
    }
}

/// Adds `new` to the regressions file next to `spec_path`, skipping records already there (same
/// property and values) and duplicates within `new`. Existing lines, comments included, are kept
/// as they are; the file is rewritten atomically. Returns how many records were added.
pub fn append(spec_path: &Path, new: &[Regression]) -> Result<usize, RegressionError> {
    let path = path_for(spec_path);
    let mut text = read_text(&path)?.unwrap_or_default();
    let mut seen: std::collections::HashSet<String> = parse(&path, &text)?.iter().map(Regression::key).collect();
    let mut added = 0;
    for r in new {
        if seen.insert(r.key()) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&r.to_line());
            text.push('\n');
            added += 1;
        }
    }
    if added > 0 {
        super::write_file(&path, text.as_bytes())?;
    }
    Ok(added)
}

/// Maps stored input values `(name, type, slot values)` onto `program`'s slots for `property`,
/// or says why that is not possible: the property or an input is gone, an input is new, an input
/// changed type, or a value is outside the input's current domain.
pub fn slots_for(program: &Program, property: &str, stored: &[(&str, Type, &[u32])]) -> Result<Vec<u32>, NotApplicable> {
    if !program.properties.iter().any(|p| p.name == property) {
        return Err(NotApplicable::PropertyMissing { property: property.to_string() });
    }
    if let Some((name, _, _)) = stored.iter().find(|(n, _, _)| !program.inputs.iter().any(|i| i.name == *n)) {
        return Err(NotApplicable::InputRemoved { input: name.to_string() });
    }
    let mut slots = vec![0u32; program.slots.len()];
    for input in &program.inputs {
        let Some((_, ty, values)) = stored.iter().find(|(n, _, _)| *n == input.name) else {
            return Err(NotApplicable::InputAdded { input: input.name.clone() });
        };
        if *ty != input.ty {
            return Err(NotApplicable::TypeChanged { input: input.name.clone(), was: ty.to_string(), now: input.ty.to_string() });
        }
        if values.len() != ty.slots() as usize {
            return Err(NotApplicable::BadValue { input: input.name.clone(), detail: format!("{} values for a {}", values.len(), ty) });
        }
        let first = input.first_slot as usize;
        let wide = input.ty.elem().is_wide();
        for (k, &bits) in values.iter().enumerate() {
            // A 64-bit value is checked whole, at its high word.
            let inside = match input.domain.wide_contains(u64::from(values[k.saturating_sub(1)]) | u64::from(bits) << 32) {
                Some(inside) if wide && k % 2 == 1 => inside,
                _ if wide => true,
                _ => input.domain.contains(bits),
            };
            if !inside {
                let value = match input.ty {
                    Type::Scalar(s) => s.display(bits),
                    Type::Array(s, _) => format!("[..] (element {k} = {})", s.display(bits)),
                    Type::Record(_) | Type::RecordArray(..) => {
                        unreachable!("inputs, extern fns and IR variables are never records (docs/ARCHITECTURE invariant)")
                    }
                };
                return Err(NotApplicable::OutOfDomain { input: input.name.clone(), value });
            }
            if let Some(slot) = slots.get_mut(first + k) {
                *slot = bits;
            }
        }
    }
    Ok(slots)
}

/// The slot values of a saved regression for `program`, mapped by input name and type.
pub fn to_slots(r: &Regression, program: &Program) -> Result<Vec<u32>, NotApplicable> {
    if !program.properties.iter().any(|p| p.name == r.property) {
        return Err(NotApplicable::PropertyMissing { property: r.property.clone() });
    }
    if let Some((name, _)) = r.values.0.iter().find(|(n, _)| !program.inputs.iter().any(|i| i.name == *n)) {
        return Err(NotApplicable::InputRemoved { input: name.clone() });
    }
    let mut decoded: Vec<(&str, Type, Vec<u32>)> = Vec::with_capacity(r.values.0.len());
    for (name, json) in &r.values.0 {
        let current = program.inputs.iter().find(|i| i.name == *name).map(|i| i.ty);
        let recorded = match r.types.get(name) {
            Some(t) => {
                Some(parse_type(t).ok_or_else(|| NotApplicable::BadValue { input: name.clone(), detail: format!("unknown type `{t}`") })?)
            }
            None => None,
        };
        let Some(ty) = recorded.or(current) else {
            return Err(NotApplicable::InputRemoved { input: name.clone() });
        };
        if let Some(now) = current
            && now != ty
        {
            return Err(NotApplicable::TypeChanged { input: name.clone(), was: ty.to_string(), now: now.to_string() });
        }
        let bits = value_from_json(ty, json).map_err(|e| NotApplicable::BadValue { input: name.clone(), detail: e.to_string() })?;
        decoded.push((name.as_str(), ty, bits));
    }
    let stored: Vec<(&str, Type, &[u32])> = decoded.iter().map(|(n, t, b)| (*n, *t, &b[..])).collect();
    slots_for(program, &r.property, &stored)
}
