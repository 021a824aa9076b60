//! Loading a spec and its imports into one [`SourceMap`]: the only front-end code that touches
//! files, and it does so through the [`FileSystem`] trait so tests run from memory.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, DiagnosticCollector, FileId, SourceMap, Span, codes};
use crate::fsio::{self, ReadError};
use crate::syntax::{self, Ast, ast::ItemKind, lexer::Comment};

/// Where spec text comes from.
pub trait FileSystem {
    fn read(&self, path: &Path) -> std::io::Result<String>;
    /// The name that identifies the file itself, whatever path led to it (the real file system:
    /// absolute, symlinks and `..` resolved; in memory: the lexical normal form). Imports resolve
    /// relative to the canonical directory of the importing file, and a file is loaded once per
    /// canonical name. Does not open the file.
    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        Ok(normalize(path))
    }
    /// The directory the imports of a root spec whose canonical directory is `root_dir` are
    /// confined to, or `None` for no confinement (files in memory).
    fn project_dir(&self, _root_dir: &Path) -> Option<PathBuf> {
        None
    }
}

/// The real file system: regular files only, at most [`fsio::MAX_SPEC_BYTES`] each.
pub struct RealFs;

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        use std::io::{Error, ErrorKind};
        fsio::read_text_limited(path, fsio::MAX_SPEC_BYTES).map_err(|e| match e {
            ReadError::Io { source, .. } => source,
            ReadError::NotRegular { kind, .. } => {
                Error::new(ErrorKind::InvalidInput, format!("not a regular file ({kind}); vecrun reads only regular files"))
            }
            ReadError::TooLarge { limit, .. } => {
                Error::new(ErrorKind::InvalidData, format!("larger than {limit} bytes, the most vecrun reads for a spec file"))
            }
            ReadError::NotUtf8 { .. } => Error::new(ErrorKind::InvalidData, "file is not valid UTF-8"),
        })
    }
    fn canonicalize(&self, path: &Path) -> std::io::Result<PathBuf> {
        std::fs::canonicalize(path)
    }
    /// The nearest ancestor of `root_dir` (itself included) holding a `.git` entry or a
    /// `vecrun.toml` file, else `root_dir` itself.
    fn project_dir(&self, root_dir: &Path) -> Option<PathBuf> {
        let marked = root_dir.ancestors().find(|dir| {
            std::fs::symlink_metadata(dir.join(".git")).is_ok() || std::fs::metadata(dir.join("vecrun.toml")).is_ok_and(|m| m.is_file())
        });
        Some(marked.unwrap_or(root_dir).to_path_buf())
    }
}

/// How imports are resolved.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Let imports reach files outside the project directory (the nearest ancestor of the root
    /// spec's directory holding `.git` or `vecrun.toml`). Off by default: such an import is E0203.
    pub allow_outside_project: bool,
}

/// Files held in memory, keyed by normalised path (for tests and fuzzing).
#[derive(Default)]
pub struct MemoryFs {
    pub files: HashMap<PathBuf, String>,
}

impl MemoryFs {
    pub fn new() -> MemoryFs {
        MemoryFs::default()
    }
    pub fn with(mut self, path: &str, text: &str) -> MemoryFs {
        self.files.insert(normalize(Path::new(path)), text.to_string());
        self
    }
}

impl FileSystem for MemoryFs {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        self.files
            .get(&normalize(path))
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory"))
    }
}

/// One parsed file of a spec.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    pub id: FileId,
    /// The path as the user would write it from where the root was named (lexically normalised):
    /// for messages and hints.
    pub path: PathBuf,
    /// The file's canonical name ([`FileSystem::canonicalize`]): what identifies it.
    pub canonical: PathBuf,
    pub ast: Ast,
    pub comments: Vec<Comment>,
    /// Files this one imports directly (resolved; missing, refused or cyclic imports are left out).
    pub imports: Vec<FileId>,
    /// For each entry of `imports`, the span of the path in the first `import` that names it.
    pub import_spans: Vec<Span>,
}

/// A root spec with all of its imports, parsed. `files[0]` is the root.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub sources: SourceMap,
    pub files: Vec<LoadedFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The root file itself could not be read: not a spec error, an I/O error.
#[derive(Debug, thiserror::Error)]
#[error("cannot read spec `{}`: {source}", path.display())]
pub struct LoadError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Lexical normalisation (`a/./b/../c` -> `a/c`), so a diamond import is loaded once. Leading `..`
/// components are kept (`../../x` stays as it is), and `..` at the root stays at the root.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Loads `root` and, transitively, every file it imports (paths relative to the importing file),
/// with imports confined to the project directory.
pub fn load(root: &Path, fs: &dyn FileSystem) -> Result<Loaded, LoadError> {
    load_with(root, fs, &LoadOptions::default())
}

/// [`load`] with explicit options.
pub fn load_with(root: &Path, fs: &dyn FileSystem, options: &LoadOptions) -> Result<Loaded, LoadError> {
    let text = fs.read(root).map_err(|source| LoadError { path: root.to_path_buf(), source })?;
    Ok(load_text_with(root, text, fs, options))
}

/// Like [`load`], with the root's text already in hand.
pub fn load_text(root: &Path, text: String, fs: &dyn FileSystem) -> Loaded {
    load_text_with(root, text, fs, &LoadOptions::default())
}

/// Like [`load_with`], with the root's text already in hand.
pub fn load_text_with(root: &Path, text: String, fs: &dyn FileSystem, options: &LoadOptions) -> Loaded {
    let canonical = fs.canonicalize(root).unwrap_or_else(|_| normalize(root));
    let project = if options.allow_outside_project { None } else { fs.project_dir(canonical.parent().unwrap_or(Path::new(""))) };
    let mut loader = Loader {
        fs,
        project,
        sources: SourceMap::new(),
        files: Vec::new(),
        by_path: HashMap::new(),
        diagnostics: DiagnosticCollector::new(),
        stack: Vec::new(),
    };
    loader.add_file(root, canonical, text);
    loader.visit(FileId(0));
    Loaded { sources: loader.sources, files: loader.files, diagnostics: loader.diagnostics.finish() }
}

struct Loader<'a> {
    fs: &'a dyn FileSystem,
    /// Where imports must stay (canonical), or `None`.
    project: Option<PathBuf>,
    sources: SourceMap,
    files: Vec<LoadedFile>,
    /// Canonical name -> file.
    by_path: HashMap<PathBuf, FileId>,
    diagnostics: DiagnosticCollector,
    stack: Vec<FileId>,
}

impl Loader<'_> {
    fn add_file(&mut self, path: &Path, canonical: PathBuf, text: String) -> FileId {
        let display = path.display().to_string();
        let id = self.sources.add(display, text);
        let parsed = syntax::parse(id, &self.sources.get(id).text);
        self.diagnostics.extend(parsed.diagnostics);
        self.by_path.insert(canonical.clone(), id);
        self.files.push(LoadedFile {
            id,
            path: normalize(path),
            canonical,
            ast: parsed.ast,
            comments: parsed.comments,
            imports: Vec::new(),
            import_spans: Vec::new(),
        });
        id
    }

    fn visit(&mut self, id: FileId) {
        // Depth-first with an explicit stack: a long chain of imports cannot overflow the call stack.
        struct Frame {
            file: FileId,
            imports: Vec<(String, Span)>,
            next: usize,
        }
        let frame = |loader: &Self, file: FileId| Frame { file, imports: loader.imports_of(file), next: 0 };
        self.stack.push(id);
        let mut frames = vec![frame(self, id)];
        while let Some(top) = frames.last_mut() {
            let Some((rel, span)) = top.imports.get(top.next).cloned() else {
                frames.pop();
                self.stack.pop();
                continue;
            };
            top.next += 1;
            let importer = top.file;
            if let Some(new_id) = self.import(importer, &rel, span) {
                self.stack.push(new_id);
                frames.push(frame(self, new_id));
            }
        }
    }

    fn imports_of(&self, id: FileId) -> Vec<(String, Span)> {
        self.files[id.0 as usize]
            .ast
            .items
            .iter()
            .filter_map(|it| match &it.kind {
                ItemKind::Import(imp) => Some((imp.path.clone(), imp.path_span)),
                _ => None,
            })
            .collect()
    }

    /// Resolves one import of `importer`; returns the file when it is new and must be visited.
    fn import(&mut self, importer: FileId, rel: &str, span: Span) -> Option<FileId> {
        let file = &self.files[importer.0 as usize];
        let display = normalize(&file.path.parent().unwrap_or(Path::new("")).join(rel));
        let joined = file.canonical.parent().unwrap_or(Path::new("")).join(rel);
        let canonical = match self.fs.canonicalize(&joined) {
            Ok(c) => c,
            Err(e) => {
                self.cannot_import(rel, span, &display, &e);
                return None;
            }
        };
        if let Some(project) = &self.project
            && !canonical.starts_with(project)
        {
            let d = Diagnostic::error(codes::IMPORT_OUTSIDE_PROJECT, format!("import of `{rel}` leaves the project directory"))
                .primary(span, format!("resolves to `{}`", fsio::printable(&canonical.display().to_string())))
                .note(format!(
                    "imports must stay inside the project directory `{}` (the nearest folder at or above the root spec's holding `.git` or `vecrun.toml`, else the root spec's own folder)",
                    fsio::printable(&project.display().to_string())
                ))
                .help("move the file into the project, or pass `--allow-imports-outside-project` to allow it");
            self.diagnostics.push(d);
            return None;
        }
        if let Some(&existing) = self.by_path.get(&canonical) {
            if let Some(pos) = self.stack.iter().position(|&f| f == existing) {
                let mut chain: Vec<String> = self.stack[pos..].iter().map(|f| self.sources.get(*f).name.clone()).collect();
                chain.push(self.sources.get(existing).name.clone());
                self.diagnostics.push(
                    Diagnostic::error(codes::IMPORT_CYCLE, "import cycle")
                        .primary(span, "this import leads back to a file that is still being imported")
                        .note(format!("the cycle: {}", chain.join(" -> "))),
                );
                return None;
            }
            self.record_import(importer, existing, span);
            return None;
        }
        match self.fs.read(&canonical) {
            Ok(text) => {
                let new_id = self.add_file(&display, canonical, text);
                self.record_import(importer, new_id, span);
                Some(new_id)
            }
            Err(e) => {
                self.cannot_import(rel, span, &display, &e);
                None
            }
        }
    }

    fn record_import(&mut self, importer: FileId, target: FileId, span: Span) {
        let file = &mut self.files[importer.0 as usize];
        if !file.imports.contains(&target) {
            file.imports.push(target);
            file.import_spans.push(span);
        }
    }

    fn cannot_import(&mut self, rel: &str, span: Span, display: &Path, e: &std::io::Error) {
        self.diagnostics.push(
            Diagnostic::error(codes::CANNOT_IMPORT, format!("cannot import `{rel}`"))
                .primary(span, if e.kind() == std::io::ErrorKind::NotFound { "file not found".to_string() } else { e.to_string() })
                .note(format!("looked for `{}` (paths are relative to the importing file)", display.display())),
        );
    }
}
