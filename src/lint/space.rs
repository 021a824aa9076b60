//! L013: an input space small enough to enumerate, so that a run can prove the properties instead of sampling.

use super::codes;
use crate::check::TypedSpec;
use crate::diag::{Diagnostic, FileId, Severity, Span};
use crate::load::Loaded;
use crate::syntax::ast::ItemKind;

/// Spaces up to this many vectors are reported as enumerable (the default vector budget of `vecrun run`).
pub const ENUMERABLE_LIMIT: u64 = crate::DEFAULT_VECTORS;

/// A count as text: exact with `_` separators, or `about 2^k` beyond u64.
pub fn count_text(slots: u32, size: u64) -> String {
    crate::cli::check_cmd::count_text(slots, size)
}

pub fn check(spec: &TypedSpec, loaded: &Loaded, out: &mut Vec<Diagnostic>) {
    let program = crate::ir::lower(spec);
    let Some(n) = crate::r#gen::space_size(&program.slots) else { return };
    if n > ENUMERABLE_LIMIT {
        return;
    }
    let header = loaded
        .files
        .first()
        .and_then(|f| {
            f.ast.items.iter().find_map(|i| match &i.kind {
                ItemKind::Spec(h) => Some(h.name.span),
                _ => None,
            })
        })
        .unwrap_or(Span::new(FileId(0), 0, 0));
    let total = crate::run::report::group(n);
    let mut d = Diagnostic {
        severity: Severity::Note,
        code: codes::ENUMERABLE_SPACE,
        message: format!("the whole input space is {total} vector{}: small enough to enumerate", if n == 1 { "" } else { "s" }),
        labels: vec![],
        notes: vec![],
    }
    .primary(header, format!("{total} vectors in all"));
    for i in &spec.inputs {
        let size = crate::r#gen::domain_size(&i.domain);
        // A record input's fields share the input's name span: say which field each count is.
        let field = i.name.split_once('.').map(|(_, f)| format!("`.{f}`: ")).unwrap_or_default();
        d = d.secondary(i.span, format!("{field}{} values", count_text(i.ty.slots(), size)));
    }
    let budget = spec.header.budget.vectors.unwrap_or(crate::DEFAULT_VECTORS);
    d = if budget >= n {
        d.help(format!("`vecrun run` enumerates it within the vector budget ({}): every passing property is PROVEN, not sampled (pass `--exhaustive` if you lower `--vectors`)", crate::run::report::group(budget)))
    } else {
        d.help(format!(
            "run with `--exhaustive` (the header's budget of {} vectors is smaller): every passing property is then PROVEN, not sampled",
            crate::run::report::group(budget)
        ))
    };
    out.push(d);
}
