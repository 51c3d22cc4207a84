//! Core speed: load + stacks + checklist + Markdown export for projects of 100, 1,000 and 10,000
//! components (two connections each). Target: 10,000 components in ≤ 50 ms. Then the diagram
//! export of the 1,000-component project: layout + SVG, and PNG (layout + SVG + rasterising).
//! Run: `cargo bench --bench core` (add `--no-default-features` to skip building the GUI);
//! `cargo bench --bench core -- report` or `-- diagram` runs one part.

mod support;

use srm_planner::catalog::Catalog;
use srm_planner::export::Report;
use srm_planner::project::{Project, from_ron_str, to_ron_string};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let catalog = Catalog::builtin();
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wants = |part: &str| only.is_empty() || only.iter().any(|a| a == part);
    if wants("report") {
        report(catalog);
    }
    if wants("diagram") {
        diagram(catalog);
    }
}

/// `srm-planner report --format md`, phase by phase, for 100, 1,000 and 10,000 components.
fn report(catalog: &Catalog) {
    println!("catalog: {} services", catalog.services().len());
    println!(
        "{:>7} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>7} {:>8} {:>8}",
        "comps",
        "file KiB",
        "load",
        "stacks",
        "checklist",
        "checks",
        "markdown",
        "total",
        "best",
        "items",
        "covers",
        "MD KiB"
    );
    for n in [100usize, 1_000, 10_000] {
        let text = to_ron_string(&support::synthetic(n, catalog));
        let runs = if n >= 10_000 { 15 } else { 40 };
        let mut phases: Vec<[Duration; 5]> = Vec::new();
        let mut sizes = (0, 0, 0);
        for _ in 0..runs {
            let t0 = Instant::now();
            let project = from_ron_str(&text, "bench.ron").unwrap();
            let t1 = Instant::now();
            let stacks: Vec<_> = project
                .components
                .iter()
                .map(|c| (c, srm_planner::responsibility::resolve(catalog, c)))
                .collect();
            let t2 = Instant::now();
            let checklist = srm_planner::checklist::build(catalog, &project);
            let t3 = Instant::now();
            let problems = srm_planner::project::check(&project, catalog);
            let boundary_stacks = srm_planner::responsibility::boundary_stacks(catalog, &project);
            let report = Report {
                catalog,
                project: &project,
                stacks,
                boundary_stacks,
                checklist,
                problems,
                evidence: None,
                framework: None,
                generated: None,
            };
            let t4 = Instant::now();
            let md = report.to_markdown();
            black_box(&md);
            let t5 = Instant::now();
            let covers = report.checklist.items.iter().map(|i| i.covers.len()).sum();
            sizes = (report.checklist.items.len(), covers, md.len());
            phases.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]);
        }
        let median = |k: Option<usize>| {
            let mut v: Vec<Duration> =
                phases.iter().map(|p| k.map_or_else(|| p.iter().sum(), |k| p[k])).collect();
            v.sort();
            v[v.len() / 2]
        };
        let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1e3);
        println!(
            "{n:>7} {:>9} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>7} {:>8} {:>8}",
            text.len() / 1024,
            ms(median(Some(0))),
            ms(median(Some(1))),
            ms(median(Some(2))),
            ms(median(Some(3))),
            ms(median(Some(4))),
            ms(median(None)),
            ms(phases.iter().map(|p| p.iter().sum()).min().unwrap_or_default()),
            sizes.0,
            sizes.1,
            sizes.2 / 1024
        );
    }
    println!(
        "(medians, and the best total; the phases are what `srm-planner report --format md` does, each computed once; \
         checks = the project's problem list shown in the report)"
    );
}

/// The diagram of the 1,000-component project, as `srm-planner diagram` writes it.
fn diagram(catalog: &Catalog) {
    use srm_planner::export::diagram::{DiagramFormat, Options};
    let project = support::synthetic(1_000, catalog);
    let options = Options::default();
    let time = |format: DiagramFormat, runs: usize| {
        let mut v: Vec<(Duration, usize)> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let out = format.render(catalog, &project, &options).unwrap();
                (t.elapsed(), black_box(out).len())
            })
            .collect();
        v.sort();
        v[v.len() / 2]
    };
    // The first PNG loads the fonts (embedded and system ones) once per process.
    let t = Instant::now();
    let _ = DiagramFormat::Png.render(catalog, &Project::default(), &options).unwrap();
    let fonts = t.elapsed();
    println!("\ndiagram of 1,000 components, 2,000 connections:");
    for (format, runs) in [(DiagramFormat::Svg, 20), (DiagramFormat::Drawio, 20), (DiagramFormat::Png, 5)] {
        let (d, bytes) = time(format, runs);
        println!("{:>8} {:>10.2} ms {:>8} KiB", format.name(), d.as_secs_f64() * 1e3, bytes / 1024);
    }
    println!("(medians; font loading before the first PNG: {:.1} ms)", fonts.as_secs_f64() * 1e3);
}
