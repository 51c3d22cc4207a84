//! User catalogs: add services, override built-in ones, and bad files that never block the rest.

use srm_planner::catalog::{Catalog, Origin, lint};
use srm_planner::vocab::{Layer, Owner};

fn service_ron(id: &str, name: &str, guest: &str) -> String {
    let mut layers = String::new();
    for l in ["facilities", "hardware", "virtualization", "host-os"] {
        layers.push_str(&format!("(layer: \"{l}\", owner: \"aws\", note: \"Provider.\"),\n"));
    }
    layers.push_str(&format!("(layer: \"guest-os\", owner: \"{guest}\", note: \"Guest.\"),\n"));
    for l in [
        "platform",
        "application",
        "network-config",
        "identity",
        "encryption-in-transit",
        "encryption-at-rest",
        "client-side-encryption",
        "data",
    ] {
        layers.push_str(&format!("(layer: \"{l}\", owner: \"customer\", note: \"Ours.\"),\n"));
    }
    format!(
        "(services: [(id: \"{id}\", name: \"{name}\", short: \"{name}\", group: \"compute\", \
         category: \"infrastructure\", description: \"Internal platform.\", \
         sources: [\"https://docs.aws.amazon.com/whitepapers/latest/aws-risk-and-compliance/shared-responsibility-model.html\"], \
         variants: [(id: \"default\", name: \"Default\", layers: [{layers}])], \
         todos: [(id: \"{id}.harden\", title: \"Harden it\", detail: \"Apply the platform baseline.\", \
         domain: \"compute-hardening\", priority: \"high\", layers: [\"guest-os\", \"platform\", \"application\", \
         \"network-config\", \"identity\", \"encryption-in-transit\", \"encryption-at-rest\", \
         \"client-side-encryption\", \"data\"])])])"
    )
}

#[test]
fn a_user_file_adds_a_service() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mine.ron");
    std::fs::write(&f, service_ron("acme-platform", "ACME Platform", "customer")).unwrap();
    let (cat, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(cat.services().len(), Catalog::builtin().services().len() + 1);
    assert!(matches!(cat.origin("acme-platform"), Some(Origin::User(p)) if p.ends_with("mine.ron")));
    assert!(lint(&cat).is_empty(), "{:?}", lint(&cat));
}

#[test]
fn a_user_file_overrides_a_builtin_service_by_id() {
    let mut cat = Catalog::builtin().clone();
    cat.add_user_text("override.ron", &service_ron("ec2", "EC2 (our golden AMI)", "shared-nope"))
        .unwrap_err();
    // The failed file left the catalog as it was.
    assert_eq!(cat.service("ec2").unwrap().name, "Amazon EC2");
    cat.add_user_text("override.ron", &service_ron("ec2", "EC2 (our golden AMI)", "customer")).unwrap();
    assert_eq!(cat.service("ec2").unwrap().name, "EC2 (our golden AMI)");
    assert_eq!(cat.services().len(), Catalog::builtin().services().len());
    assert_eq!(cat.service("ec2").unwrap().variants[0].layers.get(Layer::GuestOs).owner, Owner::Customer);
}

#[test]
fn a_bad_user_file_names_line_and_column_and_keeps_the_builtin_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(services: [\n  (id: \"x\", name: 5)\n])").unwrap();
    let missing = dir.path().join("missing.ron");
    let good = dir.path().join("good.ron");
    std::fs::write(&good, service_ron("acme-queue", "ACME Queue", "customer")).unwrap();
    let (cat, errors) = Catalog::with_user_files(&[bad.clone(), missing, good]);
    assert_eq!(errors.len(), 2);
    assert!(errors[0].to_string().starts_with(&format!("{}:2:", bad.display())), "{}", errors[0]);
    assert!(cat.service("acme-queue").is_some());
    assert!(cat.service("ec2").is_some());
}

#[test]
fn a_layer_missing_from_a_user_service_is_named() {
    let text = service_ron("acme-x", "X", "customer")
        .replace("(layer: \"data\", owner: \"customer\", note: \"Ours.\"),\n", "");
    let err = Catalog::default().clone().add_user_text("x.ron", &text).unwrap_err();
    assert!(err.to_string().contains("missing layers: data"), "{err}");
}

#[test]
fn cli_catalog_flag_loads_user_files() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("mine.ron");
    std::fs::write(&f, service_ron("acme-platform", "ACME Platform", "customer")).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(["--catalog", f.to_str().unwrap(), "stack", "acme-platform", "--format", "json"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "ACME Platform");
}

// ------------------------------------------------------------------------------------------
// Load-time validation: the lint's rules, per service, with file:line:column.

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let f = dir.join(name);
    std::fs::write(&f, text).unwrap();
    f
}

/// `(services: [A, B, ...])` from the `service_ron` bodies, one per line.
fn services_file(bodies: &[String]) -> String {
    let inner: Vec<String> = bodies
        .iter()
        .map(|b| b.strip_prefix("(services: [").unwrap().strip_suffix("])").unwrap().replace('\n', " "))
        .collect();
    format!("(services: [\n{}\n])", inner.join(",\n"))
}

fn located(e: &srm_planner::error::LoadError, file: &std::path::Path, line: usize) {
    assert_eq!(e.file, file.display().to_string(), "{e}");
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.column.is_some(), "{e}");
}

#[test]
fn a_user_service_with_no_variants_is_refused_and_the_builtin_kept() {
    let dir = tempfile::tempdir().unwrap();
    let body = service_ron("ec2", "EC2 without variants", "customer");
    let start = body.find("variants: [(").unwrap();
    let end = body.find("], todos:").unwrap();
    let text = format!("{}variants: []{}", &body[..start], &body[end + 1..]);
    let f = write(dir.path(), "novariant.ron", &format!("\n\n{text}"));
    let (cat, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    assert_eq!(errors.len(), 1, "{errors:?}");
    located(&errors[0], &f, 3);
    assert!(errors[0].message.contains("has no variant"), "{}", errors[0]);
    assert!(errors[0].message.contains("built-in one is kept"), "{}", errors[0]);
    let ec2 = cat.service("ec2").unwrap();
    assert_eq!(ec2.name, "Amazon EC2");
    assert!(!ec2.variants.is_empty());
    assert!(matches!(cat.origin("ec2"), Some(Origin::BuiltIn(_))));
}

#[test]
fn a_todo_id_colliding_with_a_builtin_or_within_the_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A service that borrows a built-in service's to-do id.
    let thief =
        service_ron("acme-thief", "Thief", "customer").replace("acme-thief.harden", "ec2.require-imdsv2");
    // A service named like the account list, reusing one of its to-do ids.
    let account =
        service_ron("account", "Account", "customer").replace("account.harden", "account.root-hardware-mfa");
    // A service with the same to-do twice.
    let twice = service_ron("acme-twice", "Twice", "customer");
    let todo_start = twice.find("todos: [").unwrap() + "todos: [".len();
    let todo_end = twice.rfind("])])").unwrap();
    let todo = &twice[todo_start..todo_end];
    let twice = format!("{}{todo}, {todo}{}", &twice[..todo_start], &twice[todo_end..]);
    let good = service_ron("acme-good", "Good", "customer");
    let f = write(dir.path(), "clash.ron", &services_file(&[thief, account, twice, good]));
    let (cat, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.iter().any(|e| e.contains("acme-thief") && e.contains("already used by service `ec2`")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|e| e.contains("`account.root-hardware-mfa` is already used by account")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|e| e.contains("acme-twice") && e.contains("used twice in this service")),
        "{text:#?}"
    );
    for e in &errors {
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
    }
    assert!(errors.iter().any(|e| e.message.contains("acme-thief") && e.line == Some(2)), "{text:#?}");
    assert!(errors.iter().any(|e| e.message.contains("acme-twice") && e.line == Some(4)), "{text:#?}");
    assert!(
        cat.service("acme-thief").is_none()
            && cat.service("account").is_none()
            && cat.service("acme-twice").is_none()
    );
    assert!(cat.service("acme-good").is_some(), "a good service in the same file is still added");
    assert_eq!(cat.service_todo("ec2.require-imdsv2").unwrap().0.id, "ec2");
}

#[test]
fn a_duplicate_service_id_within_one_file_is_refused_even_under_lint() {
    let dir = tempfile::tempdir().unwrap();
    let first = service_ron("acme-dup", "First", "customer");
    let second = service_ron("acme-dup", "Second", "customer");
    let f = write(dir.path(), "dup.ron", &services_file(&[first, second]));
    let (cat, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    assert_eq!(errors.len(), 1, "{errors:?}");
    located(&errors[0], &f, 3);
    assert!(errors[0].message.contains("defined twice in this file (first on line 2)"), "{}", errors[0]);
    assert_eq!(cat.service("acme-dup").unwrap().name, "First");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(["--catalog", f.to_str().unwrap(), "catalog", "--lint"])
        .env("XDG_CONFIG_HOME", dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{}:3:", f.display())) && err.contains("defined twice"), "{err}");
}

#[test]
fn a_user_catalog_that_is_not_utf8_is_named_with_a_position_and_a_bom_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = service_ron("acme-latin1", "Caf", "customer").into_bytes();
    let at = bytes.windows(4).position(|w| w == b"Caf\"").unwrap() + 3;
    bytes.insert(at, 0xE9); // "Café" in Latin-1
    let text_before = String::from_utf8_lossy(&bytes[..at]).into_owned();
    let f = dir.path().join("latin1.ron");
    std::fs::write(&f, &bytes).unwrap();
    let (_, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, Some(1), "{}", errors[0]);
    assert_eq!(errors[0].column, Some(text_before.chars().count() + 1), "{}", errors[0]);
    assert!(errors[0].message.contains("not UTF-8"), "{}", errors[0]);
    let bom =
        write(dir.path(), "bom.ron", &format!("\u{FEFF}{}", service_ron("acme-bom", "Bom", "customer")));
    let (cat, errors) = Catalog::with_user_files(&[bom]);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(cat.service("acme-bom").is_some());
}

#[test]
fn a_user_todo_naming_an_undescribed_control_is_refused_and_one_described_in_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    // Found by the catalog fuzz target: a typo in a control id passed the load but not the lint.
    let bad = service_ron("acme-bad", "Acme bad", "customer").replace(
        "layers: [\"guest-os\", \"platform\"",
        "controls: [\"Acme.1\"], layers: [\"guest-os\", \"platform\"",
    );
    let good = service_ron("acme-good", "Acme good", "customer").replace(
        "layers: [\"guest-os\", \"platform\"",
        "controls: [\"Acme.2\"], layers: [\"guest-os\", \"platform\"",
    );
    let text = format!(
        "{}\n",
        services_file(&[bad, good]).replacen(
            "(services: [",
            "(controls: [(id: \"Acme.2\", checks: \"Our own check.\", \
             source: \"https://docs.aws.amazon.com/securityhub/latest/userguide/what-is-securityhub.html\")],\nservices: [",
            1
        )
    );
    let f = write(dir.path(), "controls.ron", &text);
    let (cat, errors) = Catalog::with_user_files(std::slice::from_ref(&f));
    assert_eq!(errors.len(), 1, "{errors:?}");
    located(&errors[0], &f, 3);
    assert!(errors[0].message.contains("control `Acme.1` has no entry"), "{}", errors[0]);
    assert!(cat.service("acme-bad").is_none());
    assert!(cat.service("acme-good").is_some());
    assert!(lint(&cat).is_empty(), "{:?}", lint(&cat));
}
