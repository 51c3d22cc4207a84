//! The command line: exit codes 0 / 1 / 2, formats and refusals (design.md).

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_CONFIG_HOME", "/nonexistent-srm-test-config")
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

#[test]
fn success_is_zero() {
    assert_eq!(code(&run(&["catalog"])), 0);
    assert_eq!(code(&run(&["validate", "saved/three-tier-web-app.ron"])), 0);
    let o = run(&["stack", "ec2", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["service"], "ec2");
    assert!(v["variant"].is_null());
    assert_eq!(v["layers"].as_array().unwrap().len(), 13);
    let o = run(&["stack", "ecs", "--variant", "fargate", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["variant"], "fargate");
    assert_eq!(v["layers"][4]["layer"], "guest-os");
    assert_eq!(v["layers"][4]["owner"], "aws");
}

#[test]
fn bad_input_is_one_with_a_message_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, name: \"x\",\n components: [(id: 1 service: \"ec2\")])").unwrap();
    let o = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.ron:2:"), "{err}");
    assert!(o.stdout.is_empty());
    assert_eq!(code(&run(&["stack", "no-such-service"])), 1);
    assert_eq!(code(&run(&["stack", "ecs", "--variant", "mainframe"])), 1);
    assert_eq!(code(&run(&["report", "/nonexistent.ron"])), 1);
}

#[test]
fn validate_lists_every_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("dangling.ron");
    std::fs::write(
        &f,
        "(format: 1, components: [(id: 1, service: \"ec2\"), (id: 1, service: \"s3\")], \
         connections: [(from: 1, to: 8), (from: 9, to: 1)])",
    )
    .unwrap();
    let o = run(&["validate", f.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("used by more than one"), "{err}");
    assert!(err.contains("missing component c8") && err.contains("missing component c9"), "{err}");
}

#[test]
fn usage_errors_are_two() {
    assert_eq!(code(&run(&["report"])), 2);
    assert_eq!(code(&run(&["report", "saved/static-site.ron", "--format", "pdf"])), 2);
    assert_eq!(code(&run(&["frobnicate", "x", "y"])), 2);
}

#[test]
fn report_writes_every_format_and_refuses_to_overwrite_its_input() {
    let dir = tempfile::tempdir().unwrap();
    for fmt in ["md", "csv", "html", "json"] {
        let out = dir.path().join(format!("r.{fmt}"));
        let o = run(&["report", "saved/serverless-api.ron", "--format", fmt, "-o", out.to_str().unwrap()]);
        assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
        assert!(std::fs::metadata(&out).unwrap().len() > 100);
    }
    let input = dir.path().join("p.ron");
    std::fs::copy("saved/serverless-api.ron", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let o = run(&["report", input.to_str().unwrap(), "-o", input.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(String::from_utf8_lossy(&o.stderr).contains("refusing"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}
