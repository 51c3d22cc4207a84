//! Evidence and diff speed: matching 100,000 findings (a generated Prowler OCSF file, read
//! streamed from disk) against a 1,000-component project (target ≤ 200 ms for the matching),
//! and the diff of two 10,000-component projects (target ≤ 100 ms).
//! Run: `cargo bench --bench evidence --no-default-features`.

mod support;

use srm_planner::catalog::Catalog;
use srm_planner::checklist;
use srm_planner::evidence::{self, matching};
use srm_planner::project::{ComponentId, Connection, Project};
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

fn project(n: usize, catalog: &Catalog) -> Project {
    let mut components = support::components(n, 100, (200.0, 120.0), 7, catalog);
    for c in &mut components {
        c.source = Some(format!("module.app.{}.c{}", c.service.replace('-', "_"), c.id.0));
    }
    let connections = (0..n)
        .map(|i| Connection {
            from: ComponentId(i as u64 + 1),
            to: ComponentId(((i + 1) % n) as u64 + 1),
            label: "HTTPS".into(),
            encrypted: i % 3 != 0,
        })
        .collect();
    Project { name: format!("Synthetic {n}"), components, connections, ..Project::default() }
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed());
        out = Some(r);
    }
    (best, out.expect("ran"))
}

fn main() {
    let catalog = Catalog::builtin();
    let p = project(1_000, catalog);
    let list = checklist::build(catalog, &p);
    // 100,000 findings: the checks of the checklist's own to-dos (Security Hub ids, Prowler ids)
    // on the project's resources, and as many on resources it does not have.
    let mut checks: Vec<String> =
        list.items.iter().flat_map(|i| i.todo.controls.iter().chain(&i.todo.prowler).cloned()).collect();
    checks.sort();
    checks.dedup();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/evidence-bench.ocsf.json");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("bench file"));
        f.write_all(b"[").unwrap();
        for i in 0..100_000usize {
            // Half on the project's resources (each check on each resource once), half elsewhere.
            let half = i / 2;
            let check = &checks[(half / p.components.len()) % checks.len()];
            let c = &p.components[half % p.components.len()];
            let uid =
                if i % 2 == 0 { c.source.clone().unwrap() } else { format!("arn:aws:s3:::elsewhere-{i}") };
            let status = if i % 5 == 0 { "FAIL" } else { "PASS" };
            if i > 0 {
                f.write_all(b",").unwrap();
            }
            write!(
                f,
                r#"{{"metadata":{{"event_code":"{check}"}},"status_code":"{status}","status":"New","resources":[{{"uid":"{uid}","name":"r{i}"}}],"cloud":{{"provider":"aws"}}}}"#
            )
            .unwrap();
        }
        f.write_all(b"]").unwrap();
    }
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let (read, file) = best(5, || evidence::read_path(&path).expect("reads"));
    let (matched, ev) = best(10, || matching::build(&p, &list, std::slice::from_ref(&file)));
    println!(
        "evidence: {} findings ({} MiB) read streamed in {:.1} ms; matched to {} items of a 1,000-component project in {:.1} ms (target ≤ 200 ms): {} matched, {} unmatched",
        file.findings.len(),
        bytes / (1024 * 1024),
        read.as_secs_f64() * 1e3,
        list.items.len(),
        matched.as_secs_f64() * 1e3,
        ev.stats.matched,
        ev.stats.unmatched
    );
    // Diff: 10,000 components, a tenth changed.
    let old = project(10_000, catalog);
    let mut new = old.clone();
    for (i, c) in new.components.iter_mut().enumerate() {
        if i % 10 == 0 {
            c.internet_facing = !c.internet_facing;
            if c.service == "ec2" {
                c.service = "lambda".into();
                c.variant = None;
            }
        }
    }
    let (took, d) = best(10, || srm_planner::diff::diff(catalog, &old, &new));
    black_box(&d);
    println!(
        "diff: two 10,000-component projects in {:.1} ms (target ≤ 100 ms): {} changed, {} to-dos added, {} removed",
        took.as_secs_f64() * 1e3,
        d.components.changed.len(),
        d.todos.added.len(),
        d.todos.removed.len()
    );
}
