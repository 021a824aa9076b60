//! `--trace FILE`: a Chrome trace (the JSON array format Perfetto and chrome://tracing read) of
//! vecrun's own spans. A small `tracing` layer rather than `tracing-chrome`, whose arguments are
//! always strings: here a number field is a JSON number (`"start": 1048576`), a bool a bool. Only
//! vecrun's spans and events are written (wgpu's log records stay out), and a write error (a full
//! disk) is reported once instead of panicking a writer thread.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde_json::{Map, Value};
use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// The trace file: events are appended as they happen, the closing `]` written by [`TraceGuard`].
struct Sink {
    file: std::io::BufWriter<std::fs::File>,
    first: bool,
    failed: bool,
}

impl Sink {
    fn write_event(&mut self, event: &Value) {
        if self.failed {
            return;
        }
        let sep: &[u8] = if self.first { b"[\n" } else { b",\n" };
        self.first = false;
        let result = self.file.write_all(sep).and_then(|_| serde_json::to_writer(&mut self.file, event).map_err(std::io::Error::other));
        if let Err(e) = result {
            self.failed = true;
            errln!("warning: cannot write the trace file ({e}); the trace is incomplete");
        }
    }
    fn finish(&mut self) {
        if self.failed {
            return;
        }
        let end: &[u8] = if self.first { b"[]\n" } else { b"\n]\n" };
        if let Err(e) = self.file.write_all(end).and_then(|_| self.file.flush()) {
            self.failed = true;
            errln!("warning: cannot write the trace file ({e}); the trace is incomplete");
        }
    }
}

/// The layer: one `B`/`E` pair per span entered and left, one instant event per event.
pub struct ChromeTrace {
    sink: std::sync::Arc<Mutex<Sink>>,
    start: Instant,
}

/// Closes the trace (the final `]`) when dropped.
pub struct TraceGuard {
    sink: std::sync::Arc<Mutex<Sink>>,
}

impl Drop for TraceGuard {
    fn drop(&mut self) {
        if let Ok(mut s) = self.sink.lock() {
            s.finish();
        }
    }
}

/// The layer writing to `file`, and the guard that closes it.
pub fn layer(file: std::fs::File) -> (ChromeTrace, TraceGuard) {
    let sink = std::sync::Arc::new(Mutex::new(Sink { file: std::io::BufWriter::new(file), first: true, failed: false }));
    (ChromeTrace { sink: sink.clone(), start: Instant::now() }, TraceGuard { sink })
}

/// The fields of a span, typed.
struct Args(Map<String, Value>);

impl Visit for Args {
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_u128(&mut self, field: &Field, value: u128) {
        let v = u64::try_from(value).map(Value::from).unwrap_or_else(|_| value.to_string().into());
        self.0.insert(field.name().into(), v);
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().into(), serde_json::Number::from_f64(value).map(Value::Number).unwrap_or(Value::Null));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().into(), value.into());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().into(), format!("{value:?}").into());
    }
}

/// A small stable number per thread (Chrome's `tid`).
fn thread_number() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    thread_local! {
        static ID: u64 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    ID.with(|id| *id)
}

impl ChromeTrace {
    fn micros(&self) -> f64 {
        self.start.elapsed().as_nanos() as f64 / 1000.0
    }
    fn emit(&self, mut event: Map<String, Value>) {
        event.insert("pid".into(), 1.into());
        event.insert("tid".into(), thread_number().into());
        event.insert("ts".into(), serde_json::Number::from_f64(self.micros()).map(Value::Number).unwrap_or(Value::Null));
        if let Ok(mut s) = self.sink.lock() {
            s.write_event(&Value::Object(event));
        }
    }
}

fn ours(target: &str) -> bool {
    target.starts_with("vecrun")
}

impl<S> Layer<S> for ChromeTrace
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if !ours(attrs.metadata().target()) {
            return;
        }
        let mut args = Args(Map::new());
        attrs.record(&mut args);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(args);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(args) = span.extensions_mut().get_mut::<Args>()
        {
            values.record(args);
        }
    }

    fn on_enter(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        if !ours(span.metadata().target()) {
            return;
        }
        let args = span.extensions().get::<Args>().map(|a| Value::Object(a.0.clone())).unwrap_or_else(|| Value::Object(Map::new()));
        let mut e = Map::new();
        e.insert("name".into(), span.name().into());
        e.insert("cat".into(), span.metadata().target().into());
        e.insert("ph".into(), "B".into());
        e.insert("args".into(), args);
        self.emit(e);
    }

    fn on_exit(&self, id: &Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(id) else { return };
        if !ours(span.metadata().target()) {
            return;
        }
        let mut e = Map::new();
        e.insert("name".into(), span.name().into());
        e.insert("cat".into(), span.metadata().target().into());
        e.insert("ph".into(), "E".into());
        self.emit(e);
    }

    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        if !ours(event.metadata().target()) {
            return;
        }
        let mut args = Args(Map::new());
        event.record(&mut args);
        let name = args.0.get("message").and_then(|m| m.as_str()).unwrap_or(event.metadata().name()).to_string();
        let mut e = Map::new();
        e.insert("name".into(), name.into());
        e.insert("cat".into(), event.metadata().target().into());
        e.insert("ph".into(), "i".into());
        e.insert("s".into(), "t".into());
        e.insert("args".into(), Value::Object(args.0));
        self.emit(e);
    }
}
