//! L013: an input space small enough to enumerate, so that a run can prove the properties instead of sampling.

use super::codes;
use crate::check::{Type, TypedSpec};
use crate::diag::{Diagnostic, FileId, Severity, Span};
use crate::r#gen::{Domain, domain_size};
use crate::load::Loaded;
use crate::syntax::ast::ItemKind;

/// Spaces up to this many vectors are reported as enumerable (the default vector budget of `vecrun run`).
pub const ENUMERABLE_LIMIT: u64 = crate::DEFAULT_VECTORS;

/// The number of values of an input of type `ty` with `domain`, from its slots' domains (a 64-bit range
/// counted as its values, not its words'): exact when it fits in u64, and its log2.
pub fn input_count(ty: Type, domain: &Domain) -> (Option<u64>, f64) {
    let (mut exact, mut log2) = (Some(1u64), 0.0);
    for d in crate::ir::input_slot_domains(ty, domain) {
        let n: u128 = match d {
            Domain::WideLo { lo, hi, .. } | Domain::F64Lo { lo, hi } => hi.wrapping_sub(lo) as u128 + 1,
            Domain::WideHi { .. } | Domain::F64Hi { .. } => 1,
            d => domain_size(&d) as u128,
        };
        log2 += (n as f64).log2();
        exact = exact.and_then(|e| u64::try_from(n).ok().and_then(|n| e.checked_mul(n)));
    }
    (exact, log2)
}

/// Number of values of an input as text: exact when it fits in u64, else `about 2^k`.
pub fn count_text(ty: Type, domain: &Domain) -> String {
    match input_count(ty, domain) {
        (Some(n), _) => crate::run::report::group(n),
        (None, log2) => format!("about 2^{log2:.0}"),
    }
}

pub fn check(spec: &TypedSpec, loaded: &Loaded, out: &mut Vec<Diagnostic>) {
    let program = crate::ir::lower(spec);
    // With per-property inputs each property has a space of its own: the largest is what counts.
    let space = crate::run::Space::new(&program, 0, spec.input_hash);
    let sizes: Option<Vec<u64>> = space.groups.iter().map(|g| g.generator.space()).collect();
    let Some(n) = sizes.and_then(|s| s.into_iter().max()) else { return };
    let each = !space.is_single();
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
        message: if each {
            format!("each property's input space is at most {total} vector{}: small enough to enumerate", if n == 1 { "" } else { "s" })
        } else {
            format!("the whole input space is {total} vector{}: small enough to enumerate", if n == 1 { "" } else { "s" })
        },
        labels: vec![],
        notes: vec![],
    }
    .primary(header, if each { format!("at most {total} vectors per property") } else { format!("{total} vectors in all") });
    for i in &spec.inputs {
        // A record input's fields share the input's name span: say which field each count is.
        let field = i.name.split_once('.').filter(|_| i.owner.is_none()).map(|(_, f)| format!("`.{f}`: ")).unwrap_or_default();
        d = d.secondary(i.span, format!("{field}{} values", count_text(i.ty, &i.domain)));
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
