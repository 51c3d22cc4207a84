//! Helpers shared by the integration tests.
#![allow(dead_code)]

use srm_planner::catalog::Catalog;
use srm_planner::project::{Component, ComponentId, Connection, Pos, Project};
use srm_planner::vocab::DataClass;

/// A component of `service` with the given id and label, internal data, not internet-facing.
pub fn comp(id: u64, service: &str, label: &str) -> Component {
    Component {
        id: ComponentId(id),
        service: service.into(),
        variant: None,
        label: label.into(),
        position: Pos { x: id as f32 * 10.0, y: 0.0 },
        internet_facing: false,
        data: DataClass::Internal,
        notes: String::new(),
        boundary: None,
        source: None,
    }
}

/// A connection.
pub fn link(from: u64, to: u64, encrypted: bool) -> Connection {
    Connection { from: ComponentId(from), to: ComponentId(to), label: String::new(), encrypted }
}

/// A project holding these components and connections.
pub fn project(components: Vec<Component>, connections: Vec<Connection>) -> Project {
    Project { name: "Test".into(), components, connections, ..Project::default() }
}

/// A small catalog, independent of the real one, with one to-do per condition.
pub fn test_catalog() -> Catalog {
    let layer = |l: &str, o: &str| format!("(layer: \"{l}\", owner: \"{o}\", note: \"n\"),");
    let mut layers = String::new();
    for l in ["facilities", "hardware", "virtualization", "host-os"] {
        layers.push_str(&layer(l, "aws"));
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
        layers.push_str(&layer(l, "customer"));
    }
    let todo = |slug: &str, cond: &str| {
        format!(
            "(id: \"svc.{slug}\", title: \"{slug}\", detail: \"d\", domain: \"network\", priority: \"high\", \
             layers: [\"guest-os\", \"platform\", \"application\", \"network-config\", \"identity\", \
             \"encryption-in-transit\", \"encryption-at-rest\", \"client-side-encryption\", \"data\"], \
             condition: \"{cond}\"),"
        )
    };
    let mut todos = String::new();
    for (slug, cond) in [
        ("always", "always"),
        ("public", "internet-facing"),
        ("exposed", "internet-traffic"),
        ("private", "not-internet-facing"),
        ("secret", "confidential-data"),
        ("regulated", "regulated-data"),
        ("tls-from-internet", "unencrypted-from-internet"),
        ("tls-anywhere", "unencrypted-connection"),
        ("linked", "has-connections"),
    ] {
        todos.push_str(&todo(slug, cond));
    }
    let text = format!(
        "(services: [(id: \"svc\", name: \"Test Service\", short: \"Svc\", group: \"compute\", \
         category: \"infrastructure\", description: \"d\", sources: [\"https://docs.aws.amazon.com/x\"], \
         variants: [(id: \"default\", name: \"Default\", layers: [{layers}])], todos: [{todos}])], \
         account: [(id: \"account.root-mfa\", title: \"Root MFA\", detail: \"d\", domain: \"identity\", \
         priority: \"critical\")])"
    );
    let mut cat = Catalog::default();
    cat.add_user_text("test-catalog.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    cat
}

/// The examples shipped in `saved/`.
pub fn examples() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/saved"))
        .expect("saved/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    v.sort();
    v
}
