//! Diagnostics: spans into source files, errors with labels and notes, rendered like rustc.
//!
//! Every stage before the backends reports problems as [`Diagnostic`] values; nothing here does
//! I/O except [`render`], which writes to a caller-supplied writer.

pub mod codes;

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files;
use codespan_reporting::term;

/// Index of a source file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: start as u32, end: end as u32 }
    }
    /// The smallest span covering both `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A secondary or primary label pointing at source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// One problem found in a spec, with enough context to render it like rustc.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code such as `E0101` (named in [`codes`]); listed in `docs/diagnostics.md`.
    pub code: &'static str,
    pub message: String,
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, code, message: message.into(), labels: vec![], notes: vec![] }
    }
    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), labels: vec![], notes: vec![] }
    }
    /// The main location, with a short message under the caret.
    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: true });
        self
    }
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label { span, message: message.into(), primary: false });
        self
    }
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(format!("note: {}", note.into()));
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.notes.push(format!("help: {}", help.into()));
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The primary span, if any.
    pub fn span(&self) -> Option<Span> {
        self.labels.iter().find(|l| l.primary).or(self.labels.first()).map(|l| l.span)
    }
}

/// Most errors (and, separately, warnings) one list of diagnostics keeps; the rest are counted in
/// one note ("N more errors not shown"), as rustc does, so a flood of errors costs neither time nor memory.
pub const MAX_ERRORS: usize = 100;

const MORE_ERRORS: &str = " more errors not shown";
const MORE_ERROR: &str = " more error not shown";
const MORE_WARNINGS: &str = " more warnings not shown";
const MORE_WARNING: &str = " more warning not shown";

/// Collects diagnostics up to [`MAX_ERRORS`] errors and [`MAX_ERRORS`] warnings; the rest are only
/// counted. [`DiagnosticCollector::finish`] appends one located note per kind for what was left out.
/// Pushing a list that was itself capped adds up its counts.
#[derive(Clone, Debug, Default)]
pub struct DiagnosticCollector {
    kept: Vec<Diagnostic>,
    errors: usize,
    warnings: usize,
    hidden_errors: usize,
    hidden_warnings: usize,
    first_hidden_error: Option<Span>,
    first_hidden_warning: Option<Span>,
}

impl DiagnosticCollector {
    pub fn new() -> DiagnosticCollector {
        DiagnosticCollector::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        if let Some((count, is_error)) = omitted_count(&d) {
            let span = d.span();
            if is_error {
                self.hidden_errors = self.hidden_errors.saturating_add(count);
                self.first_hidden_error = self.first_hidden_error.or(span);
            } else {
                self.hidden_warnings = self.hidden_warnings.saturating_add(count);
                self.first_hidden_warning = self.first_hidden_warning.or(span);
            }
            return;
        }
        match d.severity {
            Severity::Error if self.errors >= MAX_ERRORS => {
                self.hidden_errors += 1;
                self.first_hidden_error = self.first_hidden_error.or(d.span());
            }
            Severity::Warning if self.warnings >= MAX_ERRORS => {
                self.hidden_warnings += 1;
                self.first_hidden_warning = self.first_hidden_warning.or(d.span());
            }
            severity => {
                match severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                    Severity::Note => {}
                }
                self.kept.push(d);
            }
        }
    }

    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// Whether the next error would only be counted: callers can skip building costly help for it.
    pub fn errors_full(&self) -> bool {
        self.errors >= MAX_ERRORS
    }

    /// Whether any error was pushed (kept or counted).
    pub fn has_errors(&self) -> bool {
        self.errors > 0 || self.hidden_errors > 0
    }

    /// The kept diagnostics, in push order.
    pub fn kept(&self) -> &[Diagnostic] {
        &self.kept
    }

    /// The kept diagnostics, then a note for each kind that was left out.
    pub fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        for (count, span, one, many) in [
            (self.hidden_errors, self.first_hidden_error, MORE_ERROR, MORE_ERRORS),
            (self.hidden_warnings, self.first_hidden_warning, MORE_WARNING, MORE_WARNINGS),
        ] {
            if count == 0 {
                continue;
            }
            let mut d = Diagnostic {
                severity: Severity::Note,
                code: "",
                message: format!("{count}{}", if count == 1 { one } else { many }),
                labels: vec![],
                notes: vec![format!("note: vecrun shows the first {MAX_ERRORS} of each; fix those first")],
            };
            if let Some(span) = span {
                d = d.primary(span, "the first one not shown is here");
            }
            out.push(d);
        }
        out
    }
}

/// Caps a list of diagnostics as [`DiagnosticCollector`] does.
pub fn cap(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut c = DiagnosticCollector::new();
    c.extend(diagnostics);
    c.finish()
}

/// How many errors `diagnostics` stands for: the errors in it plus those a capped list only counts
/// (in its "N more errors not shown" note). What "could not compile ... due to N errors" should say.
pub fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().fold(0usize, |n, d| match omitted_count(d) {
        Some((hidden, true)) => n.saturating_add(hidden),
        Some((_, false)) => n,
        None => n + usize::from(d.is_error()),
    })
}

/// For a note written by [`DiagnosticCollector::finish`]: how many it stands for, and whether they are errors.
fn omitted_count(d: &Diagnostic) -> Option<(usize, bool)> {
    if d.severity != Severity::Note || !d.code.is_empty() {
        return None;
    }
    for (suffix, is_error) in [(MORE_ERRORS, true), (MORE_ERROR, true), (MORE_WARNINGS, false), (MORE_WARNING, false)] {
        if let Some(n) = d.message.strip_suffix(suffix).and_then(|n| n.parse().ok()) {
            return Some((n, is_error));
        }
    }
    None
}

/// One loaded source file: its display name (as the user wrote the path) and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// All source files of one spec (the root and its imports), addressed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Per file: the byte offset where each line starts, and whether the text is all ASCII (then a
    /// column is a byte difference). Makes [`SourceMap::line_col`] a binary search, not a scan.
    lines: Vec<(Vec<u32>, bool)>,
}

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap::default()
    }
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text: String = text.into();
        let mut starts = vec![0u32];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1));
        self.lines.push((starts, text.is_ascii()));
        self.files.push(SourceFile { name: name.into(), text });
        FileId(self.files.len() as u32 - 1)
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: u32) -> (usize, usize) {
        let text = &self.get(file).text;
        let offset = floor_char_boundary(text, offset as usize);
        let (starts, ascii) = &self.lines[file.0 as usize];
        // The number of line starts at or before `offset` is the 1-based line.
        let line = starts.partition_point(|&s| s as usize <= offset).max(1);
        let line_start = starts[line - 1] as usize;
        let col = if *ascii { offset - line_start } else { text[line_start..offset].chars().count() } + 1;
        (line, col)
    }
    /// `file:line:col` of a span's start.
    pub fn location(&self, span: Span) -> String {
        let (line, col) = self.line_col(span.file, span.start);
        format!("{}:{}:{}", self.get(span.file).name, line, col)
    }
    /// The source text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        let s = floor_char_boundary(text, span.start as usize);
        let e = floor_char_boundary(text, span.end as usize);
        &text[s..e.max(s)]
    }
}

fn ceil_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Whether rendered diagnostics should use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Never,
    Always,
}

impl Color {
    /// Colour when stderr is a terminal and `NO_COLOR` is not set.
    pub fn for_stderr() -> Color {
        use std::io::IsTerminal;
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) || !std::io::stderr().is_terminal() {
            Color::Never
        } else {
            Color::Always
        }
    }
}

/// Longest source line shown whole under a diagnostic; of a longer line only a window around the
/// labels is shown (as rustc does), so a huge one-line file cannot make each diagnostic huge.
const MAX_SHOWN_LINE: usize = 240;
/// Bytes shown on each side of the labels in such a window.
const WINDOW_CONTEXT: usize = 60;

/// Renders diagnostics like rustc (`error[E0101]: ...` / ` --> file:line:col` / source line and caret).
pub fn render(sources: &SourceMap, diagnostics: &[Diagnostic], color: Color) -> String {
    // rustc's look (` --> file:line:col`, `|`, `^`), which also stays plain ASCII in logs.
    let config = term::Config { chars: term::Chars::ascii(), ..term::Config::default() };
    let mut out = String::new();
    for d in diagnostics {
        let files = RenderFiles::for_diagnostic(sources, d);
        let cs_diag = to_codespan(d, &files);
        let mut buf = Vec::new();
        let result = match color {
            Color::Never => {
                let mut w = term::termcolor::NoColor::new(&mut buf);
                term::emit_to_write_style(&mut w, &config, &files, &cs_diag)
            }
            Color::Always => {
                let mut w = term::termcolor::Ansi::new(&mut buf);
                term::emit_to_write_style(&mut w, &config, &files, &cs_diag)
            }
        };
        if result.is_err() {
            // A span outside its file would be a bug in vecrun; still say what went wrong.
            out.push_str(&format!("{}: {}\n", severity_word(d.severity), d.message));
            continue;
        }
        out.push_str(&String::from_utf8_lossy(&buf));
    }
    out
}

/// The sources as codespan sees them for one diagnostic: real line numbers, columns and byte
/// offsets, but a long line's range is only a window around the diagnostic's labels on it.
struct RenderFiles<'s> {
    sources: &'s SourceMap,
    /// (file, line index) -> the byte range shown of that long line.
    windows: HashMap<(usize, usize), Range<usize>>,
}

impl<'s> RenderFiles<'s> {
    fn for_diagnostic(sources: &'s SourceMap, d: &Diagnostic) -> RenderFiles<'s> {
        let mut files = RenderFiles { sources, windows: HashMap::new() };
        // Primary labels first: when labels on one long line are far apart, the primary one is shown.
        let mut labels: Vec<&Label> = d.labels.iter().filter(|l| (l.span.file.0 as usize) < sources.len()).collect();
        labels.sort_by_key(|l| !l.primary);
        for l in labels {
            let file = l.span.file.0 as usize;
            for offset in [l.span.start as usize, l.span.end as usize] {
                let Ok(line) = files.real_line_index(file, offset) else { continue };
                let full = files.full_line_range(file, line);
                if full.len() <= MAX_SHOWN_LINE {
                    continue;
                }
                let text = &sources.files[file].text;
                let lo = offset.clamp(full.start, full.end);
                let want = floor_char_boundary(text, lo.saturating_sub(WINDOW_CONTEXT).max(full.start))
                    ..ceil_char_boundary(text, (lo + WINDOW_CONTEXT).min(full.end));
                match files.windows.get_mut(&(file, line)) {
                    None => {
                        files.windows.insert((file, line), want);
                    }
                    Some(w) => {
                        let merged = w.start.min(want.start)..w.end.max(want.end);
                        if merged.len() <= MAX_SHOWN_LINE + 2 * WINDOW_CONTEXT {
                            *w = merged;
                        }
                    }
                }
            }
        }
        files
    }

    fn real_line_index(&self, file: usize, byte: usize) -> Result<usize, files::Error> {
        let (starts, _) = self.sources.lines.get(file).ok_or(files::Error::FileMissing)?;
        let len = self.sources.files[file].text.len();
        if byte > len {
            return Err(files::Error::IndexTooLarge { given: byte, max: len });
        }
        Ok(starts.partition_point(|&s| s as usize <= byte).saturating_sub(1))
    }

    /// The whole line, its newline included (as codespan's own files do).
    fn full_line_range(&self, file: usize, line: usize) -> Range<usize> {
        let starts = &self.sources.lines[file].0;
        let len = self.sources.files[file].text.len();
        let start = starts.get(line).map(|&s| s as usize).unwrap_or(len);
        let end = starts.get(line + 1).map(|&s| s as usize).unwrap_or(len);
        start..end
    }

    /// The range codespan shows of a line: the whole line, or the window of a long one.
    fn shown(&self, file: usize, line: usize) -> Range<usize> {
        let full = self.full_line_range(file, line);
        if full.len() <= MAX_SHOWN_LINE {
            return full;
        }
        match self.windows.get(&(file, line)) {
            Some(w) => w.clone(),
            None => full.start..floor_char_boundary(&self.sources.files[file].text, full.start + MAX_SHOWN_LINE),
        }
    }

    /// A label's byte range, clamped into the shown windows of its first and last lines.
    fn clamp(&self, file: usize, range: Range<usize>) -> Range<usize> {
        let window_of = |byte: usize| self.real_line_index(file, byte).map(|line| self.shown(file, line)).unwrap_or(byte..byte);
        let (ws, we) = (window_of(range.start), window_of(range.end));
        let start = range.start.clamp(ws.start, ws.end);
        let end = range.end.clamp(we.start, we.end).max(if ws == we { start } else { we.start });
        start..end
    }
}

impl<'a> files::Files<'a> for RenderFiles<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.sources.files.get(id).map(|f| f.name.as_str()).ok_or(files::Error::FileMissing)
    }
    fn source(&'a self, id: usize) -> Result<&'a str, files::Error> {
        self.sources.files.get(id).map(|f| f.text.as_str()).ok_or(files::Error::FileMissing)
    }
    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        self.real_line_index(id, byte_index)
    }
    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let (starts, _) = self.sources.lines.get(id).ok_or(files::Error::FileMissing)?;
        if line_index >= starts.len() {
            return Err(files::Error::LineTooLarge { given: line_index, max: starts.len().saturating_sub(1) });
        }
        Ok(self.shown(id, line_index))
    }
    fn column_number(&'a self, id: usize, _line_index: usize, byte_index: usize) -> Result<usize, files::Error> {
        self.location(id, byte_index).map(|l| l.column_number)
    }
    fn location(&'a self, id: usize, byte_index: usize) -> Result<files::Location, files::Error> {
        self.real_line_index(id, byte_index)?;
        let (line_number, column_number) = self.sources.line_col(FileId(id as u32), byte_index as u32);
        Ok(files::Location { line_number, column_number })
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn to_codespan(d: &Diagnostic, files: &RenderFiles) -> cs::Diagnostic<usize> {
    let sev = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let sources = files.sources;
    let labels = d
        .labels
        .iter()
        .filter(|l| (l.span.file.0 as usize) < sources.len())
        .map(|l| {
            let text = &sources.get(l.span.file).text;
            let s = floor_char_boundary(text, l.span.start as usize);
            let e = floor_char_boundary(text, l.span.end as usize).max(s);
            let range = files.clamp(l.span.file.0 as usize, s..e);
            let style = if l.primary { cs::LabelStyle::Primary } else { cs::LabelStyle::Secondary };
            cs::Label::new(style, l.span.file.0 as usize, range).with_message(l.message.clone())
        })
        .collect();
    let diagnostic = cs::Diagnostic::new(sev);
    let diagnostic = if d.code.is_empty() { diagnostic } else { diagnostic.with_code(d.code) };
    diagnostic.with_message(d.message.clone()).with_labels(labels).with_notes(d.notes.clone())
}
