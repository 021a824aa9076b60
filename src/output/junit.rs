//! JUnit XML, the report format CI systems read: one `<testcase>` per property, a `<failure>`
//! carrying the (shrunk) counterexample as text, written atomically (never creating directories).

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
}

impl JunitCase {
    pub fn passed(name: impl Into<String>, classname: impl Into<String>, time: f64) -> JunitCase {
        JunitCase { name: name.into(), classname: classname.into(), time, failure: None, skipped: None }
    }
    pub fn failed(
        name: impl Into<String>,
        classname: impl Into<String>,
        time: f64,
        message: impl Into<String>,
        body: impl Into<String>,
    ) -> JunitCase {
        JunitCase { name: name.into(), classname: classname.into(), time, failure: Some((message.into(), body.into())), skipped: None }
    }
    pub fn skipped(name: impl Into<String>, classname: impl Into<String>, reason: impl Into<String>) -> JunitCase {
        JunitCase { name: name.into(), classname: classname.into(), time: 0.0, failure: None, skipped: Some(reason.into()) }
    }
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

/// The JUnit XML document for one suite.
pub fn render(suite_name: &str, cases: &[JunitCase]) -> String {
    let failures = cases.iter().filter(|c| c.failure.is_some()).count();
    let skipped = cases.iter().filter(|c| c.failure.is_none() && c.skipped.is_some()).count();
    let time: f64 = cases.iter().map(|c| if c.time.is_finite() && c.time > 0.0 { c.time } else { 0.0 }).sum();
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<testsuites name="vecrun" tests="{}" failures="{failures}" errors="0" skipped="{skipped}" time="{}">"#,
        cases.len(),
        seconds(time)
    );
    let _ = writeln!(
        s,
        r#"  <testsuite name="{}" tests="{}" failures="{failures}" errors="0" skipped="{skipped}" time="{}">"#,
        escape(suite_name),
        cases.len(),
        seconds(time)
    );
    for c in cases {
        let open = format!(r#"    <testcase name="{}" classname="{}" time="{}""#, escape(&c.name), escape(&c.classname), seconds(c.time));
        match (&c.failure, &c.skipped) {
            (Some((message, body)), _) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, r#"      <failure message="{}" type="counterexample">{}</failure>"#, escape(message), escape(body));
                let _ = writeln!(s, "    </testcase>");
            }
            (None, Some(reason)) => {
                let _ = writeln!(s, "{open}>");
                let _ = writeln!(s, r#"      <skipped message="{}"/>"#, escape(reason));
                let _ = writeln!(s, "    </testcase>");
            }
            (None, None) => {
                let _ = writeln!(s, "{open}/>");
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
    super::write_file(path, render(suite_name, cases).as_bytes())
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
        let xml = render(
            "billing <failover>",
            &[
                JunitCase::passed("fee_is_bounded", "billing", 0.5),
                JunitCase::failed("no_double_charge", "billing", 1.25, "customer \"double\"-charged", "ops = [0, 999]\n"),
                JunitCase::skipped("gone", "billing", "property no longer exists"),
            ],
        );
        assert!(
            xml.contains(r#"<testsuite name="billing &lt;failover&gt;" tests="3" failures="1" errors="0" skipped="1" time="1.750">"#),
            "{xml}"
        );
        assert!(xml.contains(r#"<testcase name="fee_is_bounded" classname="billing" time="0.500"/>"#), "{xml}");
        assert!(xml.contains(r#"<failure message="customer &quot;double&quot;-charged" type="counterexample">ops = [0, 999]"#), "{xml}");
        assert!(xml.contains(r#"<skipped message="property no longer exists"/>"#), "{xml}");
        assert_eq!(render("s", &[JunitCase::passed("p", "s", f64::NAN)]).matches("time=\"0.000\"").count(), 3);
    }
}
