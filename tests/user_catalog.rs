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
