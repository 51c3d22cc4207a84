//! Project format 2: boundaries in files (migration, round trip, repairs) and in the checklist
//! (the placement conditions, VPC boxes, accounts scoping the baseline).

mod common;

use srm_planner::catalog::Catalog;
use srm_planner::checklist::{self, Checklist, Subject};
use srm_planner::project::{
    BoundaryId, ComponentId, FORMAT_VERSION, Project, Severity, check, load_file, load_str, to_ron_string,
};
use std::path::Path;

fn example(name: &str) -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("saved").join(name);
    let loaded = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.repairs.is_empty(), "{name}: {:?}", loaded.repairs);
    loaded.project
}

fn covers(list: &Checklist, todo: &str) -> Vec<Subject> {
    list.item(todo).map(|i| i.covers.iter().map(|c| c.subject).collect()).unwrap_or_default()
}

#[test]
fn every_format_1_example_migrates_and_saves_as_format_2() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format1");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("format: 1,"), "{} is a format 1 file", path.display());
        let loaded = load_str(&text, "old.ron").unwrap();
        assert_eq!(loaded.migrated_from, Some(1), "{}", path.display());
        assert_eq!(loaded.project.format, FORMAT_VERSION);
        assert!(loaded.repairs.is_empty());
        assert!(loaded.project.boundaries.is_empty());
        let saved = to_ron_string(&loaded.project);
        assert!(saved.contains("format: 2,"), "{saved}");
        let again = load_str(&saved, "new.ron").unwrap();
        assert_eq!(again.migrated_from, None);
        assert_eq!(again.project, loaded.project, "{}", path.display());
        // Nothing about the architecture changed: the same checklist.
        let catalog = Catalog::builtin();
        assert_eq!(checklist::build(catalog, &again.project), checklist::build(catalog, &loaded.project));
        n += 1;
    }
    assert_eq!(n, 4, "one format 1 copy of each original example");
}

#[test]
fn examples_use_boundaries_and_every_member_sits_inside_its_box() {
    for name in [
        "three-tier-web-app.ron",
        "ecs-fargate-workers.ron",
        "static-site.ron",
        "serverless-api.ron",
        "hybrid-two-accounts.ron",
    ] {
        let p = example(name);
        assert!(!p.boundaries.is_empty(), "{name}");
        assert!(p.boundaries.iter().any(|b| b.kind == "account"), "{name} has an account");
        for c in &p.components {
            let b = p.boundary(c.boundary.expect("every example component sits in a boundary")).unwrap();
            assert!(b.rect.contains(c.position.x, c.position.y), "{name}: {} outside {}", c.label, b.label);
            // Membership matches the drawing: nothing to refit.
            assert_eq!(p.boundary_at(c.position.x, c.position.y, None), c.boundary, "{name}: {}", c.label);
        }
        for b in &p.boundaries {
            assert_eq!(p.geometric_parent(b.id), b.parent, "{name}: {}", b.label);
        }
        assert!(check(&p, Catalog::builtin()).iter().all(|x| x.severity != Severity::Error), "{name}");
    }
}

#[test]
fn a_database_moved_into_a_public_subnet_gains_the_critical_item_and_loses_it_moved_out() {
    let catalog = Catalog::builtin();
    let mut p = example("three-tier-web-app.ron");
    let db = p.components.iter().position(|c| c.label == "Orders DB").unwrap();
    let before = checklist::build(catalog, &p);
    assert!(before.item("rds.keep-out-of-public-subnets").is_none());
    p.components[db].boundary = Some(BoundaryId(3)); // "Public a"
    let after = checklist::build(catalog, &p);
    let item = after.item("rds.keep-out-of-public-subnets").expect("the public-subnet item appears");
    assert_eq!(item.todo.priority, srm_planner::vocab::Priority::Critical);
    assert_eq!(covers(&after, "rds.keep-out-of-public-subnets"), vec![Subject::Component(ComponentId(6))]);
    assert!(item.why.contains("Orders DB sits in public subnet Public a"), "{}", item.why);
    p.components[db].boundary = Some(BoundaryId(5));
    assert!(checklist::build(catalog, &p).item("rds.keep-out-of-public-subnets").is_none());
}

#[test]
fn cross_account_unencrypted_and_on_premises_links_are_named() {
    let catalog = Catalog::builtin();
    let p = example("hybrid-two-accounts.ron");
    let list = checklist::build(catalog, &p);
    let c = |id| Subject::Component(ComponentId(id));
    // The transit gateway (hub account) reaches the reporting servers (workloads account).
    assert_eq!(covers(&list, "architecture.cross-account-access"), vec![c(3), c(4)]);
    let unencrypted = list.item("architecture.encrypt-across-boundaries").unwrap();
    assert_eq!(unencrypted.todo.priority, srm_planner::vocab::Priority::Critical);
    assert_eq!(covers(&list, "architecture.encrypt-across-boundaries"), vec![c(4)]);
    assert!(unencrypted.why.contains("Reporting servers") && unencrypted.why.contains("Hub transit gateway"));
    // The VPN and the bucket talk to the data centre.
    assert_eq!(covers(&list, "architecture.on-premises-link"), vec![c(2), c(6)]);
    assert!(list.item("architecture.on-premises-link").unwrap().why.contains("Head office data centre"));
    // Encrypting the crossing removes the critical item.
    let mut fixed = p.clone();
    fixed.connections.iter_mut().for_each(|k| k.encrypted = true);
    assert!(checklist::build(catalog, &fixed).item("architecture.encrypt-across-boundaries").is_none());
    // Without boundaries nothing crosses.
    let mut flat = p.clone();
    flat.boundaries.clear();
    flat.components.iter_mut().for_each(|c| c.boundary = None);
    let flat = checklist::build(catalog, &flat);
    for id in [
        "architecture.cross-account-access",
        "architecture.encrypt-across-boundaries",
        "architecture.on-premises-link",
    ] {
        assert!(flat.item(id).is_none(), "{id}");
    }
}

#[test]
fn account_baseline_covers_each_account_and_vpc_boxes_have_the_vpc_duties() {
    let catalog = Catalog::builtin();
    let p = example("hybrid-two-accounts.ron");
    let list = checklist::build(catalog, &p);
    let accounts: Vec<_> = list.items.iter().filter(|i| i.scope == checklist::Scope::Account).collect();
    assert!(!accounts.is_empty());
    for item in &accounts {
        assert_eq!(
            item.boundaries().collect::<Vec<_>>(),
            vec![BoundaryId(2), BoundaryId(3)],
            "{}",
            item.id()
        );
        assert!(
            item.why.contains("Network hub") && item.why.contains("Workloads production"),
            "{}",
            item.why
        );
    }
    // The Reporting VPC box is an Amazon VPC: the vpc service's items cover it.
    assert!(covers(&list, "vpc.flow-logs").contains(&Subject::Boundary(BoundaryId(4))));
    let json: serde_json::Value =
        serde_json::from_str(&srm_planner::export::json(catalog, &p)).expect("report JSON parses");
    let baseline = json["todos"].as_array().unwrap().iter().find(|t| t["source"] == "account").unwrap();
    assert_eq!(baseline["boundaries"], serde_json::json!([2, 3]));
    let vpc = json["boundaries"].as_array().unwrap().iter().find(|b| b["kind"] == "vpc").unwrap();
    assert_eq!(vpc["service"], "vpc");
    assert_eq!(vpc["layers"].as_array().unwrap().len(), 13);
    assert_eq!(json["components"][0]["boundary"], 1);
    // A project with no account box is one account: the baseline covers no boundary.
    let mut flat = p.clone();
    flat.boundaries.retain(|b| b.kind != "account");
    flat.boundaries.iter_mut().for_each(|b| b.parent = None);
    flat.components
        .iter_mut()
        .filter(|c| c.boundary.is_some_and(|b| b.0 == 2 || b.0 == 3))
        .for_each(|c| c.boundary = None);
    let flat = checklist::build(catalog, &flat);
    assert!(flat.items.iter().filter(|i| i.scope == checklist::Scope::Account).all(|i| i.covers.is_empty()));
}

#[test]
fn unknown_kinds_and_fields_of_boundaries_survive_a_round_trip() {
    let text = r#"(format: 2, name: "x",
    boundaries: [(id: 1, kind: "sovereign-cloud", label: "EU", parent: None, rect: (x: 0.0, y: 0.0, w: 500.0, h: 400.0, depth: 3), colour: "teal")],
    components: [(id: 1, service: "s3", position: (x: 10.0, y: 10.0), boundary: Some(1))],
)"#;
    let loaded = load_str(text, "u.ron").unwrap();
    assert!(loaded.repairs.is_empty());
    let warnings = check(&loaded.project, Catalog::builtin());
    assert!(
        warnings.iter().any(|w| w.severity == Severity::Warning && w.message.contains("`sovereign-cloud`")),
        "{warnings:?}"
    );
    let saved = to_ron_string(&loaded.project);
    assert!(saved.contains("kind: \"sovereign-cloud\""), "{saved}");
    assert!(saved.contains("colour: \"teal\""), "{saved}");
    assert!(saved.contains("depth: 3"), "{saved}");
    assert_eq!(load_str(&saved, "again.ron").unwrap().project, loaded.project);
}

#[test]
fn broken_boundaries_are_repaired_and_reported_with_the_file_named() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/boundaries.ron"))
            .unwrap();
    let loaded = load_str(&text, "broken.ron").unwrap();
    let msgs: Vec<&str> = loaded.repairs.iter().map(|r| r.message.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("boundary id b3 is used by more than one")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("cannot be drawn")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("form a cycle")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("boundary b99, which does not exist")), "{msgs:?}");
    let p = &loaded.project;
    for b in &p.boundaries {
        assert!(b.rect.w.is_finite() && b.rect.w > 0.0 && b.rect.h.is_finite() && b.rect.h > 0.0);
        assert!(b.rect.w <= srm_planner::project::MAX_BOUNDARY_SIZE);
    }
    // Everything still reports.
    let catalog = Catalog::builtin();
    let _ = srm_planner::export::json(catalog, p);
    let again = load_str(&to_ron_string(p), "again.ron").unwrap();
    assert!(again.repairs.is_empty(), "{:?}", again.repairs);
}
