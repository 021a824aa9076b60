//! The serve loop of the process protocol: request batches in on a reader, one answer batch each out on a writer.

use std::fmt;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};

use arrow_array::{ArrayRef, RecordBatch};
use arrow_ipc::reader::StreamReader;
use arrow_ipc::writer::StreamWriter;
use arrow_schema::ArrowError;

use crate::lanes::conform_column;
use crate::signature::Signature;

/// Why [`serve_io`] stopped before the end of the request stream.
#[derive(Debug)]
pub enum ServeError {
    /// Reading requests or writing answers failed: I/O, or bytes that are not an Arrow IPC stream.
    Stream(ArrowError),
    /// The request stream does not follow the protocol (metadata, parameter types).
    Protocol(String),
    /// The implementation failed on a request, or answered it with the wrong shape.
    Implementation {
        /// The request's position in the stream, from 0.
        request: u64,
        /// What went wrong.
        message: String,
    },
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Stream(e) => write!(f, "the Arrow stream broke: {e}"),
            ServeError::Protocol(message) => write!(f, "protocol error: {message}"),
            ServeError::Implementation { request, message } => write!(f, "request {request}: {message}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl From<ArrowError> for ServeError {
    fn from(e: ArrowError) -> Self {
        ServeError::Stream(e)
    }
}

/// Serves the process protocol on stdin and stdout until vecrun ends its stream, then exits 0.
/// If `f` fails, or anything else goes wrong, the error goes to stderr and the process exits 1.
pub fn serve<F>(f: F) -> !
where
    F: FnMut(&RecordBatch) -> Result<ArrayRef, String>,
{
    let stdin = std::io::stdin().lock();
    // One write per answer (the line-buffered stdout would flush at every newline byte of the data).
    let stdout = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    match serve_io(stdin, stdout, f) {
        Ok(()) => std::process::exit(0),
        Err(e) => {
            let program = std::env::args_os()
                .next()
                .and_then(|arg0| std::path::Path::new(&arg0).file_name().map(|name| name.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "vecrun-impl".to_string());
            let function = std::env::var("VECRUN_IMPL_FUNCTION").map(|name| format!(" ({name})")).unwrap_or_default();
            eprintln!("{program}{function}: {e}");
            std::process::exit(1)
        }
    }
}

/// The serve loop over any reader and writer: reads the request schema, writes the answer schema
/// (one field `result` of the `vecrun.result` type), then for each request batch calls `f` and
/// writes its column as one answer batch with the same row count, flushing after each. Returns
/// when the request stream ends (end-of-stream marker or end of input), after writing the answer
/// stream's end-of-stream marker. An input that ends before any byte is a stream with no requests.
///
/// `f`'s column must have the result type (an array result's item field may be named or nullable
/// otherwise; it is re-wrapped) and no nulls.
pub fn serve_io<R, W, F>(reader: R, writer: W, mut f: F) -> Result<(), ServeError>
where
    R: Read,
    W: Write,
    F: FnMut(&RecordBatch) -> Result<ArrayRef, String>,
{
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    if reader.fill_buf().map_err(ArrowError::from)?.is_empty() {
        return Ok(());
    }
    let requests = StreamReader::try_new(reader, None)?;
    let signature = Signature::from_request_schema(&requests.schema()).map_err(ServeError::Protocol)?;
    let answer_schema = signature.answer_schema();
    let mut answers = StreamWriter::try_new(writer, &answer_schema)?;
    answers.flush()?;
    for (request, batch) in (0u64..).zip(requests) {
        let batch = batch?;
        let failed = |message: String| ServeError::Implementation { request, message };
        let column = f(&batch).map_err(failed)?;
        let column = conform_column(column, signature.result).map_err(|e| failed(format!("the answer: {e}")))?;
        if column.len() != batch.num_rows() {
            return Err(failed(format!("the answer has {} rows for a request of {}", column.len(), batch.num_rows())));
        }
        answers.write(&RecordBatch::try_new(answer_schema.clone(), vec![column])?)?;
        answers.flush()?;
    }
    answers.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lanes::{build_column, read_lanes};
    use crate::signature::Param;
    use crate::testing::{answers, requests};
    use crate::types::{ScalarType, ValueType};

    fn triple() -> Signature {
        Signature {
            function: "triple".into(),
            params: vec![Param { name: "x".into(), ty: ValueType::Scalar(ScalarType::U32) }],
            result: ValueType::Scalar(ScalarType::U32),
        }
    }

    fn triple_column(batch: &RecordBatch) -> Result<ArrayRef, String> {
        let x = read_lanes::<u32>(batch.column(0).as_ref(), ValueType::Scalar(ScalarType::U32))?;
        build_column(ValueType::Scalar(ScalarType::U32), x.iter().map(|x| x.wrapping_mul(3)).collect())
    }

    #[test]
    fn answers_each_request_in_order() {
        let input = requests(&triple(), &[vec![vec![1u32, 2, 3]], vec![vec![u32::MAX]], vec![vec![7]]]);
        let mut output = Vec::new();
        serve_io(&input[..], &mut output, triple_column).expect("served");
        let (schema, batches) = answers(&output);
        assert_eq!(schema.field(0).name(), "result");
        assert_eq!(batches, vec![vec![3, 6, 9], vec![u32::MAX.wrapping_mul(3)], vec![21]]);
    }

    #[test]
    fn empty_input_is_no_requests_and_no_answers() {
        let mut output = Vec::new();
        serve_io(&[][..], &mut output, triple_column).expect("served");
        assert!(output.is_empty());
        let input = requests(&triple(), &[]);
        serve_io(&input[..], &mut output, triple_column).expect("served");
        assert_eq!(answers(&output).1, Vec::<Vec<u32>>::new());
    }

    #[test]
    fn an_implementation_error_names_its_request() {
        let input = requests(&triple(), &[vec![vec![1]], vec![vec![2]]]);
        let mut calls = 0;
        let err = serve_io(&input[..], Vec::new(), |batch| {
            calls += 1;
            if calls == 2 { Err("refused".to_string()) } else { triple_column(batch) }
        })
        .expect_err("served");
        assert_eq!(err.to_string(), "request 1: refused");
    }

    #[test]
    fn wrong_answers_are_errors() {
        let input = requests(&triple(), &[vec![vec![1, 2]]]);
        let short = serve_io(&input[..], Vec::new(), |_| build_column(ValueType::Scalar(ScalarType::U32), vec![1u32]));
        assert!(short.expect_err("accepted").to_string().contains("1 rows for a request of 2"));
        let typed = serve_io(&input[..], Vec::new(), |_| build_column(ValueType::Scalar(ScalarType::I32), vec![1i32, 2]));
        assert!(typed.expect_err("accepted").to_string().contains("expected a column of u32, found i32"));
    }

    #[test]
    fn bad_streams_are_errors() {
        let garbage = serve_io(&b"not an arrow stream at all"[..], Vec::new(), triple_column);
        assert!(matches!(garbage, Err(ServeError::Stream(_))), "{garbage:?}");
        let mut sig = triple();
        sig.function.clear();
        let mut schema = sig.request_schema();
        schema.metadata.remove(crate::signature::META_RESULT);
        let mut input = Vec::new();
        StreamWriter::try_new(&mut input, &schema).and_then(|mut w| w.finish()).expect("written");
        let err = serve_io(&input[..], Vec::new(), triple_column).expect_err("accepted");
        assert!(matches!(err, ServeError::Protocol(_)), "{err}");
    }

    #[test]
    fn a_truncated_request_is_a_stream_error() {
        let input = requests(&triple(), &[vec![vec![1, 2, 3]]]);
        let cut = &input[..input.len() - 20];
        assert!(matches!(serve_io(cut, Vec::new(), triple_column), Err(ServeError::Stream(_))));
    }
}
