//! What a property costs once lowered: its size with every call inlined, and the work one vector
//! takes (loop bodies counted once per iteration). Computed bottom-up over the call graph (a DAG:
//! recursion is rejected first) with saturating arithmetic, so exponential inlining is measured
//! without being performed. The checker's pass that rejects a property past the limits on size, work
//! and call depth lives here too.

use std::collections::{HashMap, HashSet};

use super::typed::{Expr, ExprKind, LocalId, Stmt};
use super::{Checker, MAX_CALL_DEPTH, MAX_INLINED_NODES, MAX_WORK_PER_VECTOR, post_order};
use crate::diag::{Diagnostic, Span, codes};

/// Size and work of a piece of the typed spec, in nodes (statements and expressions).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cost {
    /// Nodes once every call is inlined.
    pub size: u64,
    /// Nodes evaluated for one vector, loops multiplied out.
    pub work: u64,
    /// The longest chain of nested calls (0 without calls): inlining recurses this deep.
    pub depth: u64,
}

impl Cost {
    const ONE: Cost = Cost { size: 1, work: 1, depth: 0 };

    fn plus(self, other: Cost) -> Cost {
        Cost { size: self.size.saturating_add(other.size), work: self.work.saturating_add(other.work), depth: self.depth.max(other.depth) }
    }

    pub fn get(self, metric: Metric) -> u64 {
        match metric {
            Metric::Size => self.size,
            Metric::Work => self.work,
        }
    }
}

/// Which of the two costs a search is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Size,
    Work,
}

/// The cost of an expression; `fns[f]` is the cost of calling function `f` (its body).
pub fn expr(e: &Expr, fns: &[Cost]) -> Cost {
    children(e).into_iter().fold(Cost::ONE.plus(callee(e, fns)), |c, x| c.plus(expr(x, fns)))
}

/// The cost of a block.
pub fn block(stmts: &[Stmt], fns: &[Cost]) -> Cost {
    stmts.iter().fold(Cost::default(), |c, s| c.plus(stmt(s, fns)))
}

/// The cost of one statement.
pub fn stmt(s: &Stmt, fns: &[Cost]) -> Cost {
    match s {
        Stmt::For { start, end, body, .. } => {
            let body = block(body, fns);
            let trips = end.saturating_sub(*start).max(0) as u64;
            Cost {
                size: body.size.saturating_add(1),
                work: trips.saturating_mul(body.work.saturating_add(1)).saturating_add(1),
                depth: body.depth,
            }
        }
        Stmt::While { cond, bound, body, .. } => {
            // Every trip evaluates the condition and the body; the condition once more at the end.
            let c = cond.as_ref().map(|c| expr(c, fns)).unwrap_or_default();
            let body = block(body, fns).plus(c);
            Cost {
                size: body.size.saturating_add(1),
                work: (*bound as u64).saturating_mul(body.work.saturating_add(1)).saturating_add(1).saturating_add(c.work),
                depth: body.depth,
            }
        }
        Stmt::If { cond, then, els } => Cost::ONE.plus(expr(cond, fns)).plus(block(then, fns)).plus(block(els, fns)),
        _ => stmt_exprs(s).into_iter().fold(Cost::ONE, |c, e| c.plus(expr(e, fns))),
    }
}

fn callee(e: &Expr, fns: &[Cost]) -> Cost {
    match &e.kind {
        ExprKind::Call(f, _) => {
            let c = fns.get(f.0 as usize).copied().unwrap_or_default();
            Cost { depth: c.depth.saturating_add(1), ..c }
        }
        _ => Cost::default(),
    }
}

/// The first call in `stmts` that starts the longest chain of nested calls: the callee and the call's span.
pub fn deepest_call(stmts: &[Stmt], fns: &[Cost]) -> Option<(usize, Span)> {
    fn in_expr(e: &Expr, fns: &[Cost], best: &mut Option<(u64, usize, Span)>) {
        if let ExprKind::Call(f, _) = &e.kind {
            let depth = callee(e, fns).depth;
            if best.is_none_or(|(d, _, _)| depth > d) {
                *best = Some((depth, f.0 as usize, e.span));
            }
        }
        children(e).into_iter().for_each(|x| in_expr(x, fns, best));
    }
    fn in_block(stmts: &[Stmt], fns: &[Cost], best: &mut Option<(u64, usize, Span)>) {
        for s in stmts {
            match s {
                Stmt::For { body, .. } => in_block(body, fns, best),
                Stmt::While { cond, body, .. } => {
                    if let Some(c) = cond {
                        in_expr(c, fns, best);
                    }
                    in_block(body, fns, best);
                }
                Stmt::If { cond, then, els } => {
                    in_expr(cond, fns, best);
                    in_block(then, fns, best);
                    in_block(els, fns, best);
                }
                _ => stmt_exprs(s).into_iter().for_each(|e| in_expr(e, fns, best)),
            }
        }
    }
    let mut best = None;
    in_block(stmts, fns, &mut best);
    best.map(|(_, f, span)| (f, span))
}

fn children(e: &Expr) -> Vec<&Expr> {
    match &e.kind {
        ExprKind::Const(_) | ExprKind::Input(_) | ExprKind::Local(_) => vec![],
        ExprKind::Unary(_, x) | ExprKind::Cast(x, _) | ExprKind::Field(x, _) => vec![x],
        ExprKind::Binary(_, l, r) | ExprKind::Index(l, r) => vec![l, r],
        ExprKind::Call(_, xs) | ExprKind::ExternCall(_, xs) | ExprKind::Builtin(_, xs) | ExprKind::Array(xs) | ExprKind::Record(xs) => {
            xs.iter().collect()
        }
    }
}

/// The expressions of a statement that is neither a loop nor an `if`, in evaluation order.
fn stmt_exprs(s: &Stmt) -> Vec<&Expr> {
    match s {
        Stmt::Let { value, .. } | Stmt::Return(value) => vec![value],
        Stmt::Assign { index, value, .. } => index.iter().chain([value]).collect(),
        Stmt::Assert { cond, .. } | Stmt::Assume { cond, .. } | Stmt::Cover { cond, .. } => vec![cond],
        Stmt::If { cond, .. } => vec![cond],
        Stmt::While { cond, .. } => cond.iter().collect(),
        Stmt::For { .. } | Stmt::Break | Stmt::Continue => vec![],
    }
}

/// A body to search: its statements and the spans of its loops.
pub struct Body<'a> {
    pub stmts: &'a [Stmt],
    pub loop_spans: &'a HashMap<LocalId, Span>,
}

/// Finds where a cost first goes past its limit: the loop or call to blame.
pub struct Search<'a> {
    pub metric: Metric,
    pub limit: u64,
    /// Cost of each function's body.
    pub fns: &'a [Cost],
    /// Each function's body, when it checked.
    pub fn_bodies: &'a [Option<Body<'a>>],
}

/// Where a search stands.
enum At<'b> {
    Block(&'b [Stmt]),
    Stmt(&'b Stmt),
    Expr(&'b Expr),
}

impl<'a> Search<'a> {
    /// The first place in `start` where the running cost passes `budget`, descending into the
    /// statement, expression, loop body or over-limit callee that passes it. Iterative: a long
    /// chain of deeply nested calls cannot overflow the stack.
    pub fn find<'b>(&'b self, start: &'b Body<'b>, mut budget: u64) -> Option<Span>
    where
        'a: 'b,
    {
        let mut body: &'b Body<'b> = start;
        let mut at = At::Block(start.stmts);
        // What to blame when a descent finds nothing more precise: the loop or call entered last.
        let mut fallback = None;
        let over = |c: u64, running: u64, budget: u64| running.saturating_add(c) > budget;
        loop {
            match at {
                At::Block(stmts) => {
                    let mut running = 0u64;
                    let mut next = None;
                    for st in stmts {
                        let c = stmt(st, self.fns).get(self.metric);
                        if over(c, running, budget) {
                            next = Some(st);
                            break;
                        }
                        running = running.saturating_add(c);
                    }
                    let Some(st) = next else { return fallback };
                    budget = budget.saturating_sub(running);
                    at = At::Stmt(st);
                }
                At::Stmt(st) => {
                    budget = budget.saturating_sub(1);
                    match st {
                        Stmt::For { local, body: inner, .. } => {
                            let loop_span = body.loop_spans.get(local).copied();
                            // Blame the loop unless one pass of its body is already over on its own.
                            if block(inner, self.fns).get(self.metric) <= budget {
                                return loop_span.or(fallback);
                            }
                            fallback = loop_span.or(fallback);
                            at = At::Block(inner);
                        }
                        Stmt::While { body: inner, span, .. } => {
                            if block(inner, self.fns).get(self.metric) <= budget {
                                return Some(*span);
                            }
                            fallback = Some(*span);
                            at = At::Block(inner);
                        }
                        Stmt::If { cond, then, els } => {
                            let c = expr(cond, self.fns).get(self.metric);
                            let t = block(then, self.fns).get(self.metric);
                            if c > budget {
                                at = At::Expr(cond);
                            } else if over(t, c, budget) {
                                budget = budget.saturating_sub(c);
                                at = At::Block(then);
                            } else {
                                budget = budget.saturating_sub(c.saturating_add(t));
                                at = At::Block(els);
                            }
                        }
                        _ => {
                            let mut running = 0u64;
                            let mut next = None;
                            for e in stmt_exprs(st) {
                                let c = expr(e, self.fns).get(self.metric);
                                if over(c, running, budget) {
                                    next = Some(e);
                                    break;
                                }
                                running = running.saturating_add(c);
                            }
                            let Some(e) = next else { return fallback };
                            budget = budget.saturating_sub(running);
                            at = At::Expr(e);
                        }
                    }
                }
                At::Expr(e) => {
                    let mut running = 1u64;
                    let mut next = None;
                    for x in children(e) {
                        let c = expr(x, self.fns).get(self.metric);
                        if over(c, running, budget) {
                            next = Some(x);
                            break;
                        }
                        running = running.saturating_add(c);
                    }
                    if let Some(x) = next {
                        budget = budget.saturating_sub(running);
                        at = At::Expr(x);
                        continue;
                    }
                    // A function over the limit on its own is to blame wherever it is called: look inside it.
                    if let ExprKind::Call(f, _) = &e.kind
                        && callee(e, self.fns).get(self.metric) > self.limit
                        && let Some(Some(callee_body)) = self.fn_bodies.get(f.0 as usize)
                    {
                        fallback = Some(e.span);
                        body = callee_body;
                        budget = self.limit;
                        at = At::Block(callee_body.stmts);
                        continue;
                    }
                    return Some(e.span);
                }
            }
        }
    }
}

// ------------------------------------------------------------------- the checker's pass over costs

impl Checker<'_> {
    /// Bounds each property's inlined size and per-vector work (both backends inline every call,
    /// and a loop's body runs once per iteration), blaming the call or loop that goes past the limit.
    pub(super) fn check_costs(&mut self) {
        // Callees before callers: the call graph is a DAG (recursion was rejected).
        let n = self.fns.len();
        let mut fn_costs = vec![Cost::default(); n];
        for f in post_order(&self.fns.iter().map(|f| f.calls.iter().map(|(g, _)| *g).collect()).collect::<Vec<Vec<usize>>>()) {
            if let Some(func) = &self.fns[f].checked {
                let body = block(&func.body, &fn_costs);
                fn_costs[f] = Cost { size: body.size.saturating_add(1), work: body.work.saturating_add(1), depth: body.depth };
            }
        }
        let fn_bodies: Vec<Option<Body>> =
            self.fns.iter().map(|f| f.checked.as_ref().map(|func| Body { stmts: &func.body, loop_spans: &f.loop_spans })).collect();
        let mut reported: HashSet<(&'static str, Span)> = HashSet::new();
        let mut found = Vec::new();
        for (p, loop_spans) in self.properties.iter().zip(&self.property_loop_spans) {
            let total = block(&p.body, &fn_costs);
            if total.depth > MAX_CALL_DEPTH {
                // Follow the longest chain down to the call one past the limit (the searches below
                // would recurse as deep as the chain, so they are skipped).
                let Some((mut f, mut span)) = deepest_call(&p.body, &fn_costs) else { continue };
                for _ in 0..MAX_CALL_DEPTH {
                    let deepest = self.fns[f].calls.iter().map(|(g, _)| fn_costs[*g].depth).max();
                    let Some(&(g, call)) = self.fns[f].calls.iter().find(|(g, _)| Some(fn_costs[*g].depth) == deepest) else {
                        break;
                    };
                    (f, span) = (g, call);
                }
                let d = Diagnostic::error(
                    codes::CALLS_NESTED_TOO_DEEP,
                    format!("property `{}` nests function calls {} deep", p.name, total.depth),
                )
                .primary(span, format!("call number {} of the chain: at most {MAX_CALL_DEPTH} are allowed", MAX_CALL_DEPTH + 1))
                .secondary(p.span, "property declared here")
                .note("every call is inlined, into a chain as deep as the calls are nested")
                .help("flatten the chain: let one function do the work of several");
                if reported.insert((d.code, span)) {
                    found.push(d);
                }
                continue;
            }
            let body = Body { stmts: &p.body, loop_spans };
            let (metric, limit) = if total.size > MAX_INLINED_NODES {
                (Metric::Size, MAX_INLINED_NODES)
            } else if total.work > MAX_WORK_PER_VECTOR {
                (Metric::Work, MAX_WORK_PER_VECTOR)
            } else {
                continue;
            };
            let search = Search { metric, limit, fns: &fn_costs, fn_bodies: &fn_bodies };
            let span = search.find(&body, limit).unwrap_or(p.span);
            let amount = total.get(metric);
            let amount = if amount == u64::MAX { format!("more than {}", u64::MAX - 1) } else { amount.to_string() };
            let d = match metric {
                Metric::Size => Diagnostic::error(codes::INLINED_TOO_LARGE, format!("property `{}` is too large once its calls are inlined", p.name))
                    .primary(span, format!("inlining this takes the property past {MAX_INLINED_NODES} nodes"))
                    .secondary(p.span, "property declared here")
                    .note(format!("every call is inlined: `{}` would be {amount} nodes, and the limit is {MAX_INLINED_NODES}", p.name))
                    .help("call a function once, keep its result in a `let`, and reuse it"),
                Metric::Work => Diagnostic::error(codes::TOO_MUCH_WORK, format!("property `{}` does too much work per vector", p.name))
                    .primary(span, format!("this takes one vector past {MAX_WORK_PER_VECTOR} steps"))
                    .secondary(p.span, "property declared here")
                    .note(format!(
                        "one vector would take {amount} steps (a loop's body counts once per iteration, so nested loops multiply); the limit is {MAX_WORK_PER_VECTOR} (2^32)"
                    ))
                    .help("use smaller loop bounds, or split the work across inputs or properties"),
            };
            if reported.insert((d.code, span)) {
                found.push(d);
            }
        }
        for d in found {
            self.err(d);
        }
    }
}
