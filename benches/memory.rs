//! Peak memory of every export of a 200,000-component project (400,000 connections), against
//! the target of three times the size of the project file. Each export runs in a child process
//! of the release binary, measured by GNU time's maximum resident set size (Linux).
//! Run: `cargo bench --bench memory --no-default-features`.

mod support;

use srm_planner::catalog::Catalog;
use srm_planner::project::to_ron_string;
use std::process::Command;

fn main() {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        println!("memory bench skipped: it needs GNU time at /usr/bin/time");
        return;
    }
    let catalog = Catalog::builtin();
    let p = support::synthetic(200_000, catalog);
    let dir = std::env::temp_dir().join("srm-planner-memory-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("project.ron");
    std::fs::write(&file, to_ron_string(&p)).unwrap();
    drop(p);
    let size = std::fs::metadata(&file).unwrap().len();
    let limit_kib = size * 3 / 1024;
    println!("project file: {} KiB; target: peak ≤ {limit_kib} KiB (3×)", size / 1024);
    println!("{:>28} {:>12} {:>8} {:>8}", "export", "peak KiB", "× file", "seconds");
    let bin = env!("CARGO_BIN_EXE_srm-planner");
    let runs: &[(&str, &[&str])] = &[
        ("md", &["--format", "md"]),
        ("csv", &["--format", "csv"]),
        ("html", &["--format", "html"]),
        ("json", &["--format", "json"]),
        ("crm", &["--format", "crm"]),
        ("md --framework nist", &["--format", "md", "--framework", "nist-800-53-r5"]),
        ("json --framework pci-dss", &["--format", "json", "--framework", "pci-dss"]),
    ];
    for (name, args) in runs {
        let out = dir.join("out");
        let t = std::time::Instant::now();
        let o = Command::new(time)
            .args(["-f", "%M"])
            .arg(bin)
            .arg("report")
            .arg(&file)
            .args(*args)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let secs = t.elapsed().as_secs_f64();
        let stderr = String::from_utf8_lossy(&o.stderr);
        let kib: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
        let ratio = kib as f64 * 1024.0 / size as f64;
        let mark = if kib <= limit_kib { "" } else { "  over the target" };
        println!("{name:>28} {kib:>12} {ratio:>8.2} {secs:>8.2}{mark}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
