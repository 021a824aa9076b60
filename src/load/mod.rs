//! Loading a spec and its imports into one [`SourceMap`]: the only front-end code that touches
//! files, and it does so through the [`FileSystem`] trait so tests run from memory.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, FileId, SourceMap, Span};
use crate::syntax::{self, Ast, ast::ItemKind, lexer::Comment};

/// Where spec text comes from.
pub trait FileSystem {
    fn read(&self, path: &Path) -> std::io::Result<String>;
}

/// The real file system.
pub struct RealFs;

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        let bytes = std::fs::read(path)?;
        String::from_utf8(bytes).map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "file is not valid UTF-8"))
    }
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
    pub path: PathBuf,
    pub ast: Ast,
    pub comments: Vec<Comment>,
    /// Files this one imports directly (resolved; missing or cyclic imports are left out).
    pub imports: Vec<FileId>,
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

/// Lexical normalisation (`a/./b/../c` -> `a/c`), so a diamond import is loaded once.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Loads `root` and, transitively, every file it imports (paths relative to the importing file).
pub fn load(root: &Path, fs: &dyn FileSystem) -> Result<Loaded, LoadError> {
    let text = fs.read(root).map_err(|source| LoadError { path: root.to_path_buf(), source })?;
    Ok(load_text(root, text, fs))
}

/// Like [`load`], with the root's text already in hand.
pub fn load_text(root: &Path, text: String, fs: &dyn FileSystem) -> Loaded {
    let mut loader =
        Loader { fs, sources: SourceMap::new(), files: Vec::new(), by_path: HashMap::new(), diagnostics: Vec::new(), stack: Vec::new() };
    loader.add_file(root, text);
    loader.visit(FileId(0));
    Loaded { sources: loader.sources, files: loader.files, diagnostics: loader.diagnostics }
}

struct Loader<'a> {
    fs: &'a dyn FileSystem,
    sources: SourceMap,
    files: Vec<LoadedFile>,
    by_path: HashMap<PathBuf, FileId>,
    diagnostics: Vec<Diagnostic>,
    stack: Vec<FileId>,
}

impl Loader<'_> {
    fn add_file(&mut self, path: &Path, text: String) -> FileId {
        let display = path.display().to_string();
        let id = self.sources.add(display, text);
        let parsed = syntax::parse(id, &self.sources.get(id).text);
        self.diagnostics.extend(parsed.diagnostics);
        self.files.push(LoadedFile { id, path: normalize(path), ast: parsed.ast, comments: parsed.comments, imports: Vec::new() });
        self.by_path.insert(normalize(path), id);
        id
    }

    fn visit(&mut self, id: FileId) {
        self.stack.push(id);
        let file = &self.files[id.0 as usize];
        let dir = file.path.parent().map(Path::to_path_buf).unwrap_or_default();
        let imports: Vec<(String, Span)> = file
            .ast
            .items
            .iter()
            .filter_map(|it| match &it.kind {
                ItemKind::Import(imp) => Some((imp.path.clone(), imp.path_span)),
                _ => None,
            })
            .collect();
        let mut resolved = Vec::new();
        for (rel, span) in imports {
            let target = normalize(&dir.join(&rel));
            if let Some(&existing) = self.by_path.get(&target) {
                if let Some(pos) = self.stack.iter().position(|&f| f == existing) {
                    let mut chain: Vec<String> = self.stack[pos..].iter().map(|f| self.sources.get(*f).name.clone()).collect();
                    chain.push(self.sources.get(existing).name.clone());
                    self.diagnostics.push(
                        Diagnostic::error("E0201", "import cycle")
                            .primary(span, "this import leads back to a file that is still being imported")
                            .note(format!("the cycle: {}", chain.join(" -> "))),
                    );
                    continue;
                }
                if !resolved.contains(&existing) {
                    resolved.push(existing);
                }
                continue;
            }
            match self.fs.read(&target) {
                Ok(text) => {
                    let new_id = self.add_file(&target, text);
                    resolved.push(new_id);
                    self.visit(new_id);
                }
                Err(e) => {
                    self.diagnostics.push(
                        Diagnostic::error("E0202", format!("cannot import `{rel}`"))
                            .primary(
                                span,
                                if e.kind() == std::io::ErrorKind::NotFound { "file not found".to_string() } else { e.to_string() },
                            )
                            .note(format!("looked for `{}` (paths are relative to the importing file)", target.display())),
                    );
                }
            }
        }
        self.files[id.0 as usize].imports = resolved;
        self.stack.pop();
    }
}
