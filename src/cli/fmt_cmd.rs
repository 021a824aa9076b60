//! `vecrun fmt`: canonical formatting of spec files. `--write` rewrites a file through
//! [`crate::output::write_file`]: atomically, keeping its permissions, symbolic link and hard links.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::fmt::{FormatError, format_text};

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Spec files to format.
    #[arg(required = true, value_name = "SPEC")]
    pub specs: Vec<PathBuf>,
    /// Rewrite the files in place (atomically) instead of printing.
    #[arg(long, conflicts_with = "check")]
    pub write: bool,
    /// Exit 1 if any file is not formatted canonically; print nothing else.
    #[arg(long)]
    pub check: bool,
}

pub fn run(args: FmtArgs) -> i32 {
    let mut code = exit::OK;
    for path in &args.specs {
        let text = match crate::fsio::read_text_limited(path, crate::fsio::MAX_SPEC_BYTES) {
            Ok(t) => t,
            Err(e) => {
                errln!("error: {e}");
                code = exit::ERROR;
                continue;
            }
        };
        let formatted = match format_text(&text) {
            Ok(f) => f,
            Err(FormatError::Syntax(diags)) => {
                let mut sources = crate::diag::SourceMap::new();
                sources.add(path.display().to_string(), text);
                errout!("{}", crate::diag::render(&sources, &diags, crate::diag::Color::for_stderr()));
                errln!("error: `{}` has syntax errors; not formatted", path.display());
                code = exit::ERROR;
                continue;
            }
            Err(e) => {
                errln!("error: `{}`: {e}", path.display());
                code = exit::ERROR;
                continue;
            }
        };
        if args.check {
            if formatted != text {
                errln!("`{}` is not formatted (run `vecrun fmt --write {}`)", path.display(), path.display());
                if code == exit::OK {
                    code = exit::FAILED;
                }
            }
        } else if args.write {
            if formatted != text
                && let Err(e) = crate::output::write_file(path, formatted.as_bytes())
            {
                errln!("error: {e}");
                code = exit::ERROR;
            }
        } else {
            out!("{formatted}");
        }
    }
    code
}
