//! The sweep's report: totals, counts by version, the most frequent errors
//! and warnings, the slowest specs, the sample's `cargo check`, and a line per spec.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use super::{CheckSummary, Outcome, SpecResult};

/// A message with its specifics (`quoted` names, numbers, pointers) blanked, to count alike messages together.
pub fn class_of(message: &str) -> String {
    let mut class = String::with_capacity(message.len());
    let mut in_quote = false;
    let mut previous_digit = false;
    for c in message.chars() {
        match c {
            '`' => {
                in_quote = !in_quote;
                if in_quote {
                    class.push_str("`…`");
                }
            }
            _ if in_quote => {}
            c if c.is_ascii_digit() => {
                if !previous_digit {
                    class.push('N');
                }
            }
            c => class.push(c),
        }
        previous_digit = c.is_ascii_digit();
    }
    let class = class.split(" at #/").next().unwrap_or_default();
    class.chars().take(160).collect()
}

/// Counts of each outcome label.
fn totals(results: &[SpecResult]) -> BTreeMap<&'static str, usize> {
    let mut totals = BTreeMap::new();
    for result in results {
        *totals.entry(result.outcome.label()).or_default() += 1;
    }
    totals
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The lines printed at the end of a run (and at the top of the report).
pub fn summary(results: &[SpecResult], wall: Duration, check: Option<&CheckSummary>) -> String {
    let totals = totals(results);
    let count = |label: &str| totals.get(label).copied().unwrap_or_default();
    let generated = results.iter().filter(|result| result.outcome.generated()).count();
    let v30: Vec<&SpecResult> = results.iter().filter(|result| result.version.starts_with("3.0")).collect();
    let v30_generated = v30.iter().filter(|result| result.outcome.generated()).count();
    let mut text = format!(
        "{} specs in {:.0?}: {generated} generated ({:.1}%; {} ok, {} with warnings), {} errors, {} panics, {} crashes, {} timeouts\n",
        results.len(),
        wall,
        percent(generated, results.len()),
        count("ok"),
        count("ok-with-warnings"),
        count("error"),
        count("PANIC"),
        count("CRASH"),
        count("TIMEOUT"),
    );
    text += &format!(
        "OpenAPI 3.0.x: {v30_generated} of {} generated ({:.2}%)\n",
        v30.len(),
        percent(v30_generated, v30.len())
    );
    if let Some(check) = check {
        match &check.error {
            Some(error) => text += &format!("check sample: not checked: {error}\n"),
            None => {
                text += &format!(
                    "check sample: {} of {} generated crates compile without warnings ({:.0}%)\n",
                    check.clean,
                    check.checked.len(),
                    percent(check.clean, check.checked.len())
                )
            }
        }
    }
    text
}

/// The Markdown report.
pub fn render_report(dir: &Path, results: &[SpecResult], wall: Duration, check: Option<&CheckSummary>) -> String {
    let mut report = format!("# Sweep of {}\n\n```text\n{}```\n", dir.display(), summary(results, wall, check));
    report += &versions_section(results);
    report += &classes_section("Errors", results, |outcome| match outcome {
        Outcome::Error(message) => vec![class_of(message)],
        _ => Vec::new(),
    });
    report += &classes_section("Warnings (specs with each)", results, |outcome| match outcome {
        Outcome::Generated { warnings } => warnings.clone(),
        _ => Vec::new(),
    });
    report += &untyped_section(results);
    report += &failures_section(results);
    report += &slowest_section(results, 20);
    if let Some(check) = check {
        report += &check_section(check);
    }
    report += "\n## Every spec\n\n| spec | version | outcome | seconds | first error / panic / warnings |\n|---|---|---|---|---|\n";
    for result in results {
        let detail = match &result.outcome {
            Outcome::Generated { warnings } if warnings.is_empty() => String::new(),
            Outcome::Generated { warnings } => {
                let mut kinds = warnings.clone();
                kinds.dedup();
                format!("{} warnings of {} kinds", warnings.len(), kinds.len())
            }
            Outcome::Error(message) | Outcome::Panic(message) | Outcome::Crash(message) => message.clone(),
            Outcome::Timeout => String::new(),
        };
        report += &format!(
            "| {} | {} | {} | {:.2} | {} |\n",
            result.name,
            result.version,
            result.outcome.label(),
            result.elapsed.as_secs_f64(),
            table_cell(&detail)
        );
    }
    report
}

fn table_cell(text: &str) -> String {
    let text: String = text.chars().take(300).collect();
    text.replace('|', "\\|")
}

fn versions_section(results: &[SpecResult]) -> String {
    let mut versions: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for result in results {
        let entry = versions.entry(&result.version).or_default();
        entry.0 += 1;
        entry.1 += usize::from(result.outcome.generated());
    }
    let mut section = "\n## By version\n\n| version | specs | generated |\n|---|---|---|\n".to_owned();
    for (version, (specs, generated)) in versions {
        section += &format!("| {version} | {specs} | {generated} |\n");
    }
    section
}

/// What the generator marks as falling back to arbitrary JSON: a schema that
/// states a type, properties or a composition became `serde_json::Value`.
const UNTYPED: &str = "using serde_json::Value";

/// How many places fell back to `serde_json::Value`, by cause, with the specs
/// showing each (openapi-to-rust's `--report-untyped`, over a whole directory).
fn untyped_section(results: &[SpecResult]) -> String {
    let mut causes: BTreeMap<&str, (usize, usize, &str)> = BTreeMap::new();
    for result in results {
        let Outcome::Generated { warnings } = &result.outcome else { continue };
        let mut previous = None;
        for warning in warnings.iter().filter(|warning| warning.contains(UNTYPED)) {
            let entry = causes.entry(warning.as_str()).or_insert((0, 0, &result.name));
            entry.0 += 1;
            if previous != Some(warning) {
                entry.1 += 1;
            }
            previous = Some(warning);
        }
    }
    let total: usize = causes.values().map(|(places, _, _)| places).sum();
    let specs = results
        .iter()
        .filter(|result| {
            matches!(&result.outcome, Outcome::Generated { warnings } if warnings.iter().any(|w| w.contains(UNTYPED)))
        })
        .count();
    let mut rows: Vec<_> = causes.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let mut section = format!(
        "\n## Untyped: schemas that became `serde_json::Value`\n\n{total} places in {specs} specs.\n\n| places | specs | cause | e.g. |\n|---|---|---|---|\n"
    );
    for (cause, (places, in_specs, example)) in rows {
        section += &format!("| {places} | {in_specs} | {} | {example} |\n", table_cell(cause));
    }
    section
}

/// The most frequent message classes, each with a spec showing it.
fn classes_section(title: &str, results: &[SpecResult], classes: impl Fn(&Outcome) -> Vec<String>) -> String {
    let mut counts: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for result in results {
        let mut seen = classes(&result.outcome);
        seen.sort();
        seen.dedup();
        for class in seen {
            counts.entry(class).or_insert((0, &result.name)).0 += 1;
        }
    }
    let mut counts: Vec<(String, (usize, &str))> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(&b.0)));
    let mut section = format!("\n## {title}\n\n| specs | message | e.g. |\n|---|---|---|\n");
    for (class, (count, example)) in counts.iter().take(40) {
        section += &format!("| {count} | {} | {example} |\n", table_cell(class));
    }
    if counts.len() > 40 {
        section += &format!("\n{} more kinds.\n", counts.len() - 40);
    }
    section
}

/// Every panic, crash and timeout: what a sweep must never see.
fn failures_section(results: &[SpecResult]) -> String {
    let mut section = "\n## Panics, crashes and timeouts\n\n".to_owned();
    let failures: Vec<&SpecResult> = results.iter().filter(|result| result.outcome.crashed()).collect();
    if failures.is_empty() {
        section += "None.\n";
    }
    for result in failures {
        let detail = match &result.outcome {
            Outcome::Panic(message) | Outcome::Crash(message) => message.as_str(),
            _ => "",
        };
        section += &format!("- {} {}: {}\n", result.outcome.label(), result.name, detail);
    }
    section
}

fn slowest_section(results: &[SpecResult], n: usize) -> String {
    let mut slowest: Vec<&SpecResult> = results.iter().collect();
    slowest.sort_by_key(|result| std::cmp::Reverse(result.elapsed));
    let mut section = format!("\n## The {n} slowest\n\n| seconds | spec | outcome |\n|---|---|---|\n");
    for result in slowest.into_iter().take(n) {
        section += &format!("| {:.2} | {} | {} |\n", result.elapsed.as_secs_f64(), result.name, result.outcome.label());
    }
    section
}

fn check_section(check: &CheckSummary) -> String {
    let mut section =
        "\n## `cargo check` of the sample\n\n| crate | spec | errors | warnings |\n|---|---|---|---|\n".to_owned();
    if let Some(error) = &check.error {
        section += &format!("\nNot checked: {error}\n");
    }
    for (crate_name, spec, errors, warnings) in &check.checked {
        section += &format!("| {crate_name} | {spec} | {errors} | {warnings} |\n");
    }
    section
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_classed_without_their_specifics() {
        assert_eq!(class_of("unresolvable $ref `#/a/b` at #/paths/x"), "unresolvable $ref `…`");
        assert_eq!(class_of("enum of 12 values"), "enum of N values");
    }

    #[test]
    fn untyped_places_are_counted_by_cause_and_spec() {
        let generated = |name: &str, warnings: &[&str]| SpecResult {
            name: name.to_owned(),
            path: std::path::PathBuf::from(name),
            version: "3.0.3".to_owned(),
            outcome: Outcome::Generated { warnings: warnings.iter().map(|warning| (*warning).to_owned()).collect() },
            elapsed: Duration::ZERO,
        };
        let not = "`not` cannot be expressed as a Rust type; using serde_json::Value";
        let mixed = "a composition mixed with other keywords has no Rust type; using serde_json::Value";
        let results = [
            generated("a.json", &[not, not, "something else"]),
            generated("b.json", &[mixed, not]),
            generated("c.json", &[]),
        ];
        let section = untyped_section(&results);
        assert!(section.contains("4 places in 2 specs."), "{section}");
        assert!(section.contains(&format!("| 3 | 2 | {} | a.json |", table_cell(not))), "{section}");
        assert!(section.contains(&format!("| 1 | 1 | {} | b.json |", table_cell(mixed))), "{section}");
    }
}
