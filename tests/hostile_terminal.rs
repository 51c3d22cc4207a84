//! Nothing from a file reaches the terminal raw: labels, service ids and names, notes and
//! catalog text holding ANSI/OSC escapes, C1 controls or bidirectional overrides are shown as
//! escapes (`\u{1b}`) by `validate`, `stack`, `catalog`, `catalog --lint` and `report`, on
//! standard output and standard error alike.

use std::process::{Command, Output};

/// Clear the screen, set the window title, recolour, a C1 CSI, a right-to-left override.
const EVIL: &str = "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}[31mred\u{9b}1m \u{202E}gnp.exe";

fn run(args: &[&str], config: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        })
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{}", text.escape_debug());
}

fn layers(note: &str) -> String {
    let mut s = String::new();
    for l in ["facilities", "hardware", "virtualization", "host-os"] {
        s.push_str(&format!("(layer: \"{l}\", owner: \"aws\", note: \"{note}\"),"));
    }
    for l in [
        "guest-os",
        "platform",
        "application",
        "network-config",
        "identity",
        "encryption-in-transit",
        "encryption-at-rest",
        "client-side-encryption",
        "data",
    ] {
        s.push_str(&format!("(layer: \"{l}\", owner: \"customer\", note: \"{note}\"),"));
    }
    s
}

/// A user catalog whose service name, notes, to-do text and source carry `evil`; the service
/// id is `id`.
fn catalog_file(id: &str, evil: &str) -> String {
    let e = evil.escape_default().to_string();
    format!(
        "(services: [(id: \"{id}\", name: \"Evil {e}\", short: \"E{e}\", group: \"compute\", \
         category: \"infrastructure\", description: \"{e}\", \
         sources: [\"https://docs.aws.amazon.com/{e}\"], \
         variants: [(id: \"default\", name: \"Default\", layers: [{}])], \
         todos: [(id: \"{id}.harden\", title: \"Harden {e}\", detail: \"Detail {e}\", \
         domain: \"compute-hardening\", priority: \"high\", layers: [\"guest-os\", \"platform\", \
         \"application\", \"network-config\", \"identity\", \"encryption-in-transit\", \
         \"encryption-at-rest\", \"client-side-encryption\", \"data\"])])])",
        layers(&e)
    )
}

#[test]
fn stack_and_catalog_escape_what_a_user_catalog_says() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("evil.ron");
    std::fs::write(&cat, catalog_file("evil-svc", EVIL)).unwrap();
    let c = cat.to_str().unwrap();
    for args in [
        &["--catalog", c, "stack", "evil-svc"][..],
        &["--catalog", c, "stack", "evil-svc", "--format", "json"],
        &["--catalog", c, "catalog"],
        &["--catalog", c, "catalog", "--format", "json"],
        &["--catalog", c, "catalog", "--lint"],
    ] {
        let o = run(args, dir.path());
        assert_clean(&format!("{args:?} stdout"), &o.stdout);
        assert_clean(&format!("{args:?} stderr"), &o.stderr);
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("\\u{1b}")
                || String::from_utf8_lossy(&o.stdout).contains("\\u001b")
                || args.contains(&"--lint"),
            "{args:?}: the escape should show"
        );
    }
    let o = run(&["--catalog", c, "stack", "evil-svc", "--format", "json"], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], format!("Evil {EVIL}"), "JSON keeps the string exactly");
}

#[test]
fn messages_about_a_hostile_service_id_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let cat = dir.path().join("evil-id.ron");
    std::fs::write(&cat, catalog_file(&format!("x{}", EVIL.escape_default()), "plain")).unwrap();
    let c = cat.to_str().unwrap();
    for args in [&["--catalog", c, "catalog", "--lint"][..], &["--catalog", c, "stack", EVIL]] {
        let o = run(args, dir.path());
        assert_clean(&format!("{args:?} stdout"), &o.stdout);
        assert_clean(&format!("{args:?} stderr"), &o.stderr);
    }
}

#[test]
fn validate_and_report_escape_labels_service_ids_and_names() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("evil.ron");
    let e = EVIL.escape_default().to_string();
    std::fs::write(
        &f,
        format!(
            "(format: 2, name: \"{e}\", description: \"{e}\", components: [\
             (id: 1, service: \"{e}\", label: \"{e}\"),\
             (id: 1, service: \"ecs\", variant: Some(\"{e}\"), label: \"{e}\"),\
             (id: 2, service: \"s3\", label: \"{e}\", position: (x: NaN, y: 0.0))],\
             connections: [(from: 1, to: 9, label: \"{e}\")])"
        ),
    )
    .unwrap();
    let p = f.to_str().unwrap();
    let o = run(&["validate", p], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_clean("validate stderr", &o.stderr);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("\\u{1b}]0;pwned"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for fmt in ["md", "csv", "html", "json"] {
        let o = run(&["report", p, "--format", fmt], dir.path());
        assert_eq!(o.status.code(), Some(0), "{fmt}: {}", String::from_utf8_lossy(&o.stderr));
        assert_clean(&format!("report {fmt}"), &o.stdout);
        assert_clean(&format!("report {fmt} stderr"), &o.stderr);
    }
    // A file whose name carries an escape is named safely too.
    let g = dir.path().join("bad\u{1b}[2Jname.ron");
    std::fs::write(&g, "(format: 2, components: [(id: 1 service: \"s3\")])").unwrap();
    let o = run(&["validate", g.to_str().unwrap()], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert_clean("validate of a badly named file", &o.stderr);
}
