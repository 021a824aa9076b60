//! JUnit XML, the report format CI systems read: one `<testcase>` per property, a `<failure>`
//! carrying the (shrunk) counterexample as text, an `<error>` for a spec that does not compile,
//! written atomically (never creating directories). The document validates against Jenkins'
//! `junit-10.xsd` (vendored as `tests/data/junit-10.xsd`): that schema allows `timestamp` and
//! `hostname` on `<testsuite>` only, so they are written there, once per suite.

use std::fmt::Write as _;
use std::path::Path;

/// One test case: a property of one spec.
#[derive(Clone, Debug, PartialEq)]
pub struct JunitCase {
    /// The property.
    pub name: String,
    /// The spec (CI tools group cases by class name).
    pub classname: String,
    /// Seconds.
    pub time: f64,
    /// `(message, body)`: the failure's one-line message and its text (the counterexample).
    pub failure: Option<(String, String)>,
    /// Why the case was skipped (e.g. every replayed counterexample was not applicable).
    pub skipped: Option<String>,
    /// `(message, body)`: the case could not run at all (e.g. the spec does not compile).
    pub error: Option<(String, String)>,
    /// Text for `<system-out>` (e.g. what the solver proved).
    pub system_out: Option<String>,
}

impl JunitCase {
    pub fn passed(name: impl Into<String>, classname: impl Into<String>, time: f64) -> JunitCase {
        JunitCase { name: name.into(), classname: classname.into(), time, failure: None, skipped: None, error: None, system_out: None }
    }
    pub fn failed(
        name: impl Into<String>,
        classname: impl Into<String>,
        time: f64,
        message: impl Into<String>,
        body: impl Into<String>,
    ) -> JunitCase {
        JunitCase {
            name: name.into(),
            classname: classname.into(),
            time,
            failure: Some((message.into(), body.into())),
            skipped: None,
            error: None,
            system_out: None,
        }
    }
    pub fn skipped(name: impl Into<String>, classname: impl Into<String>, reason: impl Into<String>) -> JunitCase {
        JunitCase {
            name: name.into(),
            classname: classname.into(),
            time: 0.0,
            failure: None,
            skipped: Some(reason.into()),
            error: None,
            system_out: None,
        }
    }
    pub fn errored(
        name: impl Into<String>,
        classname: impl Into<String>,
        message: impl Into<String>,
        body: impl Into<String>,
    ) -> JunitCase {
        JunitCase {
            name: name.into(),
            classname: classname.into(),
            time: 0.0,
            failure: None,
            skipped: None,
            error: Some((message.into(), body.into())),
            system_out: None,
        }
    }
    /// The same case with `text` as its `<system-out>`.
    pub fn with_system_out(mut self, text: Option<String>) -> JunitCase {
        self.system_out = text.filter(|t| !t.is_empty());
        self
    }
}

/// Where and when a suite ran: written on `<testsuite>` (the only place `junit-10.xsd` allows them).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SuiteContext {
    /// RFC 3339 UTC, when the run started.
    pub timestamp: String,
    /// The machine that ran it.
    pub hostname: String,
}

impl SuiteContext {
    /// Now, on this machine.
    pub fn here(timestamp: impl Into<String>) -> SuiteContext {
        SuiteContext { timestamp: timestamp.into(), hostname: hostname() }
    }
}

/// This machine's name (`/proc/sys/kernel/hostname`, else `$HOSTNAME`, else `localhost`).
pub fn hostname() -> String {
    let from_proc = crate::fsio::read_text_limited(std::path::Path::new("/proc/sys/kernel/hostname"), 4096).ok();
    from_proc
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// Characters XML 1.0 allows; everything else (most control characters) becomes U+FFFD.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes text for an attribute value (in double quotes) or element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Keep line structure in attributes (a raw newline there is normalised to a space).
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

fn seconds(t: f64) -> String {
    if t.is_finite() && t >= 0.0 { format!("{t:.3}") } else { "0.000".into() }
}

/// The JUnit XML document for one suite, run now on this machine.
pub fn render(suite_name: &str, cases: &[JunitCase]) -> String {
    render_in(suite_name, &SuiteContext::here(super::now_rfc3339()), cases)
}

/// The JUnit XML document for one suite that ran at `context`.
pub fn render_in(suite_name: &str, context: &SuiteContext, cases: &[JunitCase]) -> String {
    let errors = cases.iter().filter(|c| c.error.is_some()).count();
    let failures = cases.iter().filter(|c| c.error.is_none() && c.failure.is_some()).count();
    let skipped = cases.iter().filter(|c| c.error.is_none() && c.failure.is_none() && c.skipped.is_some()).count();
    let time: f64 = cases.iter().map(|c| if c.time.is_finite() && c.time > 0.0 { c.time } else { 0.0 }).sum();
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<testsuites name="vecrun" tests="{}" failures="{failures}" errors="{errors}" time="{}">"#,
        cases.len(),
        seconds(time)
    );
    let _ = writeln!(
        s,
        r#"  <testsuite name="{}" tests="{}" failures="{failures}" errors="{errors}" skipped="{skipped}" time="{}" timestamp="{}" hostname="{}">"#,
        escape(suite_name),
        cases.len(),
        seconds(time),
        escape(&context.timestamp),
        escape(&context.hostname)
    );
    for c in cases {
        let open = format!(r#"    <testcase name="{}" classname="{}" time="{}""#, escape(&c.name), escape(&c.classname), seconds(c.time));
        let out = c.system_out.as_ref().map(|t| format!("      <system-out>{}</system-out>\n", escape(t))).unwrap_or_default();
        match (&c.error, &c.failure, &c.skipped) {
            (Some((message, body)), _, _) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, r#"      <error message="{}" type="error">{}</error>"#, escape(message), escape(body));
                let _ = writeln!(s, "{out}    </testcase>");
            }
            (None, Some((message, body)), _) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, r#"      <failure message="{}" type="counterexample">{}</failure>"#, escape(message), escape(body));
                let _ = writeln!(s, "{out}    </testcase>");
            }
            (None, None, Some(reason)) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, r#"      <skipped message="{}"/>"#, escape(reason));
                let _ = writeln!(s, "{out}    </testcase>");
            }
            (None, None, None) if out.is_empty() => {
                let _ = writeln!(s, "{open}/>");
            }
            (None, None, None) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, "{out}    </testcase>");
            }
        }
    }
    let _ = writeln!(s, "  </testsuite>");
    let _ = writeln!(s, "</testsuites>");
    s
}

/// Writes the JUnit XML for one suite to `path` atomically ([`super::write_file`]: a regular file
/// or a new name in an existing directory; a missing directory is an error, never created).
pub fn write_junit(path: &Path, suite_name: &str, cases: &[JunitCase]) -> Result<(), super::WriteError> {
    write_junit_in(path, suite_name, &SuiteContext::here(super::now_rfc3339()), cases)
}

/// [`write_junit`] for a suite that ran at `context` (its start time and machine).
pub fn write_junit_in(path: &Path, suite_name: &str, context: &SuiteContext, cases: &[JunitCase]) -> Result<(), super::WriteError> {
    super::write_file(path, render_in(suite_name, context, cases).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(escape(r#"a<b & "c" 'd'>"#), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
        assert_eq!(escape("x\u{1}y\tz\n"), "x\u{FFFD}y\tz\n");
    }

    #[test]
    fn one_testcase_per_property_with_failures_and_skips() {
        let context = SuiteContext { timestamp: "2026-11-25T10:45:00Z".into(), hostname: "node-7".into() };
        let xml = render_in(
            "billing <failover>",
            &context,
            &[
                JunitCase::passed("fee_is_bounded", "billing", 0.5),
                JunitCase::failed("no_double_charge", "billing", 1.25, "customer \"double\"-charged", "ops = [0, 999]\n"),
                JunitCase::skipped("gone", "billing", "property no longer exists"),
            ],
        );
        assert!(
            xml.contains(r#"<testsuite name="billing &lt;failover&gt;" tests="3" failures="1" errors="0" skipped="1" time="1.750" timestamp="2026-11-25T10:45:00Z" hostname="node-7">"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<testcase name="fee_is_bounded" classname="billing" time="0.500"/>"#), "{xml}");
        assert!(xml.contains(r#"<failure message="customer &quot;double&quot;-charged" type="counterexample">ops = [0, 999]"#), "{xml}");
        assert!(xml.contains(r#"<skipped message="property no longer exists"/>"#), "{xml}");
        assert_eq!(render_in("s", &context, &[JunitCase::passed("p", "s", f64::NAN)]).matches("time=\"0.000\"").count(), 3);
        // `junit-10.xsd` has no `skipped` attribute on `<testsuites>`.
        assert!(xml.contains(r#"<testsuites name="vecrun" tests="3" failures="1" errors="0" time="1.750">"#), "{xml}");
    }

    #[test]
    fn a_spec_that_does_not_compile_is_an_error_case_not_a_failure() {
        let xml = render_in(
            "broken",
            &SuiteContext::default(),
            &[JunitCase::errored("broken.vspec", "broken", "does not compile", "x.vspec:1:1: oops")],
        );
        assert!(xml.contains(r#"failures="0" errors="1""#), "{xml}");
        assert!(xml.contains(r#"<error message="does not compile" type="error">x.vspec:1:1: oops</error>"#), "{xml}");
    }
}
