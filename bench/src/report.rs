//! The Markdown report: one table per database, whether each target is met, and the plans.

use crate::{Measured, Settings, ShapeFigures};
use std::fmt::Write;

fn command_output(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .and_then(|l| l.split_once(':'))
        .map_or("unknown processor", |(_, m)| m.trim());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores ({model})")
}

/// The targets, each with whether `shape` meets it.
fn targets(shape: &ShapeFigures) -> [(&'static str, bool); 6] {
    [
        ("CPU per page ≤ 1.5 ms", shape.page_cpu_ms <= 1.5),
        ("CPU per call ≤ 0.5 ms", shape.call_cpu_ms <= 0.5),
        (
            "call p50 ≤ 1.5 × floor + 0.3 ms",
            shape.call.p50 <= 1.5 * shape.floor_ms + 0.3,
        ),
        ("page p99 ≤ 20 ms", shape.page.p99 <= 20.0),
        ("HTML ≤ 40 KB", shape.page_bytes <= 40 * 1024),
        ("no sort, no scan", sorts_and_scans(shape) == (false, false)),
    ]
}

/// Whether a statement reading the organisation's contacts sorts rows, and whether one reads
/// a whole table.
fn sorts_and_scans(shape: &ShapeFigures) -> (bool, bool) {
    let contacts = || shape.plans.iter().filter(|p| p.reads_contacts());
    (contacts().any(|p| p.sorts()), contacts().any(|p| p.scans()))
}

fn plan_flags(shape: &ShapeFigures) -> &'static str {
    match sorts_and_scans(shape) {
        (false, false) => "indexes only",
        (true, false) => "**sorts**",
        (false, true) => "**scans**",
        (true, true) => "**sorts, scans**",
    }
}

/// A report's title, and when, where and how it was measured.
fn heading(title: &str, script: &str, settings: &Settings) -> String {
    format!(
        "# {title}\n\nWritten by `{script}` (the `bench` program: `{}` calls one at a time and {} s of \
         pages per shape) on {}, commit `{}`, on {}, with the release server on loopback. One run; \
         the figures of a shared machine move by some percent between runs, CPU time per request \
         (from `/proc`) least.\n",
        settings.calls,
        settings.seconds,
        command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        command_output("git", &["rev-parse", "--short", "HEAD"]),
        machine(),
    )
}

/// How many times `cost` grows each time `size` grows tenfold, from the smallest to the
/// largest of `points` (size, cost).
fn per_tenfold(points: &[(u64, f64)]) -> Option<f64> {
    let first = points.iter().min_by_key(|(size, _)| *size)?;
    let last = points.iter().max_by_key(|(size, _)| *size)?;
    let decades = (last.0 as f64 / first.0 as f64).log10();
    (decades > 0.5 && first.1 > 0.0).then(|| (last.1 / first.1).powf(1.0 / decades))
}

/// The growth report: the default view of each world, a row each, and how its cost grows with
/// the world (the same organisation among more contacts) and with the organisation (among the
/// same number of contacts).
pub fn growth(settings: &Settings, all: &[Measured]) -> String {
    let mut out = String::new();
    out.push_str(&heading(
        "Benchmarks: how the list's cost grows",
        "scripts/bench-growth.sh",
        settings,
    ));
    let _ = writeln!(
        out,
        "\nThe default view (active contacts, primary first, page 1) of the demo administrators' \
         organisation, in worlds generated to differ in one thing: the contacts of every \
         organisation together, or the size of the organisation measured. Columns as in \
         `docs/benchmarks.md`.\n"
    );
    let _ = writeln!(
        out,
        "| world | contacts in all | organisation | list_contacts p50 (ms) | CPU per call (ms) | page p50 (ms) | CPU per page (ms) | HTML (KB) |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for m in all {
        let Some(s) = m.shapes.first() else { continue };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2} | {:.2} | {:.1} | {:.2} | {:.1} |",
            m.database,
            m.contacts,
            m.organization_size,
            s.call.p50,
            s.call_cpu_ms,
            s.page.p50,
            s.page_cpu_ms,
            s.page_bytes as f64 / 1024.0,
        );
    }
    let largest = all.iter().map(|m| m.organization_size).max().unwrap_or(0);
    let most = all.iter().map(|m| m.contacts).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "\nHow many times the CPU time grows each time the size grows tenfold (× 1.00: flat):\n"
    );
    // (what grows, the worlds compared, the size of each)
    let same_organization = |m: &&Measured| m.organization_size == largest;
    let as_many_contacts = |m: &&Measured| m.contacts.abs_diff(most) * 10 < most;
    let slopes: [(&str, Vec<(u64, &Measured)>); 2] = [
        (
            "the same organisation among more contacts",
            all.iter()
                .filter(same_organization)
                .map(|m| (m.contacts, m))
                .collect(),
        ),
        (
            "a larger organisation among as many contacts",
            all.iter()
                .filter(as_many_contacts)
                .map(|m| (m.organization_size, m))
                .collect(),
        ),
    ];
    for (what, worlds) in slopes {
        let factor = |cost: fn(&ShapeFigures) -> f64| {
            let points: Vec<(u64, f64)> = worlds
                .iter()
                .filter_map(|(size, m)| Some((*size, cost(m.shapes.first()?))))
                .collect();
            per_tenfold(&points).map_or("n/a".into(), |f| format!("× {f:.2}"))
        };
        let _ = writeln!(
            out,
            "- {what}: per call {}, per page {}",
            factor(|s| s.call_cpu_ms),
            factor(|s| s.page_cpu_ms),
        );
    }
    out
}

pub fn markdown(settings: &Settings, all: &[Measured]) -> String {
    let mut out = String::new();
    out.push_str(&heading(
        "Benchmarks: the contacts list at scale",
        "scripts/bench.sh",
        settings,
    ));
    let _ = writeln!(
        out,
        "- **SQL floor**: the statements one `list_contacts` call runs (recorded from the data \
         layer), replayed one after the other on one connection, every row fetched; median.\n\
         - **list_contacts**: the server function over HTTP, one call at a time, signed in as \
         the organisation's administrator; p50 / p99 of the round trip, and the server's CPU \
         time per call.\n\
         - **page**: `/organization/contacts` with the shape's parameters, rendered by the \
         server, from 16 concurrent kept-alive connections; requests/s, p50 / p99, server CPU \
         per request, and the HTML's size (uncompressed).\n\
         - **plan**: whether a statement that reads the organisation's contacts sorts rows or \
         reads a whole table (those that read the page's details or the profile catalogue read \
         a few rows; their plans are below too).\n"
    );
    for m in all {
        let _ = writeln!(
            out,
            "## {}: {} organisations, {} contacts; the organisation measured has {}\n",
            m.database, m.organizations, m.contacts, m.organization_size
        );
        let _ = writeln!(
            out,
            "| filter shape | matches | SQL floor (ms) | list_contacts p50 / p99 (ms) | CPU per call (ms) | page req/s | page p50 / p99 (ms) | CPU per page (ms) | HTML (KB) | plan |\n\
             | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
        );
        for s in &m.shapes {
            let _ = writeln!(
                out,
                "| {} `{}` | {} | {:.2} | {:.2} / {:.2} | {:.2} | {:.0} | {:.1} / {:.1} | {:.2} | {:.1} | {} |",
                s.name,
                if s.params.is_empty() {
                    "(none)"
                } else {
                    &s.params
                },
                s.total,
                s.floor_ms,
                s.call.p50,
                s.call.p99,
                s.call_cpu_ms,
                s.page.per_second,
                s.page.p50,
                s.page.p99,
                s.page_cpu_ms,
                s.page_bytes as f64 / 1024.0,
                plan_flags(s),
            );
        }
        let _ = writeln!(
            out,
            "\nServer memory: at most {:.0} MB resident (target ≤ 80 MB).\n",
            m.rss_max_kb as f64 / 1024.0
        );
        let _ = writeln!(out, "Targets met, by shape:\n");
        for s in &m.shapes {
            let missed: Vec<&str> = targets(s)
                .into_iter()
                .filter(|(_, met)| !met)
                .map(|(name, _)| name)
                .collect();
            let _ = writeln!(
                out,
                "- {}: {}",
                s.name,
                if missed.is_empty() {
                    "all".to_owned()
                } else {
                    format!("missed {}", missed.join("; "))
                }
            );
        }
        let _ = writeln!(
            out,
            "\n<details><summary>Query plans ({})</summary>\n",
            m.database
        );
        for s in &m.shapes {
            let _ = writeln!(out, "### {}\n", s.name);
            for plan in &s.plans {
                let _ = writeln!(
                    out,
                    "```sql\n{}\n```\n```text\n{}\n```",
                    plan.sql,
                    plan.lines.join("\n")
                );
            }
        }
        let _ = writeln!(out, "</details>\n");
    }
    out
}
