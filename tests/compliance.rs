//! Compliance: requirements on to-dos (from their controls' pages and published mappings), the
//! framework view of a design, scope exclusions, `catalog --frameworks`, the customer
//! responsibility matrix and the OSCAL component definition.

mod common;
use common::{comp, project};
use srm_planner::catalog::Catalog;
use srm_planner::export::{Format, Report};
use srm_planner::project::load_file;
use std::process::Command;

fn example(name: &str) -> srm_planner::project::Project {
    let path = common::examples().into_iter().find(|p| p.ends_with(name)).unwrap();
    load_file(&path).unwrap().project
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_srm-planner"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

#[test]
fn a_todo_carries_the_requirements_of_its_controls_and_mappings() {
    let cat = Catalog::builtin();
    let (_, todo) = cat.service_todo("rds.encrypt-at-rest").unwrap();
    let reqs = cat.todo_requirements(todo);
    // rds-controls.html#rds-3: SC-28 in NIST 800-53 r5; CIS 5.0.0 2.2.1 (RDS encryption).
    assert!(reqs["nist-800-53-r5"].contains_key("SC-28"), "{reqs:?}");
    assert!(reqs["cis-aws-5.0.0"].contains_key("2.2.1"), "{reqs:?}");
    // ISO/IEC 27001:2022 comes through Prowler's published mapping of the to-do's checks.
    assert!(reqs.contains_key("iso-27001-2022"), "{reqs:?}");
}

#[test]
fn every_framework_version_has_a_view_on_every_example() {
    let cat = Catalog::builtin();
    for path in common::examples() {
        let p = load_file(&path).unwrap().project;
        for id in ["cis-aws-5.0.0", "cis-aws-3.0.0", "nist-800-53-r5", "pci-dss-4.0.1", "iso-27001-2022"] {
            let r = Report::build(cat, &p).for_framework(id).unwrap();
            let f = r.framework.as_ref().unwrap();
            let total = cat.framework_version(id).unwrap().requirements.len();
            assert_eq!(f.rows.len() + f.not_addressed.len(), total, "{} {id}", path.display());
            assert!(!f.rows.is_empty(), "{} addresses nothing of {id}", path.display());
            // The checklist keeps exactly the items that address the framework.
            for (i, item) in r.checklist.items.iter().enumerate() {
                assert!(
                    f.addresses_item(i),
                    "{} {id}: {} kept but addresses nothing",
                    path.display(),
                    item.todo.id
                );
            }
        }
    }
}

#[test]
fn the_pci_view_lists_items_components_and_what_is_not_addressed() {
    let cat = Catalog::builtin();
    let p = example("three-tier-web-app.ron");
    let r = Report::build(cat, &p).for_framework("pci-dss").unwrap();
    let f = r.framework.as_ref().unwrap();
    assert_eq!(f.version.id, "pci-dss-4.0.1", "a programme id picks its version");
    // Requirement 1.4.4 (stored card data not reachable from untrusted networks) comes, among
    // others, from RDS.2 on the database's no-public-access item.
    let row = f.rows.iter().find(|r| r.id == "1.4.4").expect("1.4.4 addressed");
    let todos: Vec<&str> = row.items.iter().map(|&i| r.checklist.items[i].todo.id.as_str()).collect();
    assert!(todos.contains(&"rds.no-public-access"), "{todos:?}");
    assert!(row.via.iter().any(|c| c == "RDS.2"), "{:?}", row.via);
    let db = p.components.iter().find(|c| c.service == "rds").unwrap();
    assert!(row.components.contains(&db.id));
    // Policies and procedures are not something a design addresses.
    assert!(f.not_addressed.iter().any(|q| q.id == "12.1.1"));
    let md = Format::Md.render_report(&r);
    assert!(md.contains("### Not addressed by this design"));
    assert!(md.contains("- `12.1.1`"), "not-addressed requirements are listed, never silently absent");
    let json: serde_json::Value = serde_json::from_str(&Format::Json.render_report(&r)).unwrap();
    assert_eq!(json["framework"]["id"], "pci-dss-4.0.1");
    assert!(json["framework"]["not_addressed"].as_array().unwrap().iter().any(|q| q["id"] == "12.1.1"));
    let html = Format::Html.render_report(&r);
    assert!(html.contains("Customer responsibility matrix: PCI DSS v4.0.1"));
    let csv = Format::Csv.render_report(&r);
    assert!(csv.lines().next().unwrap().contains("requirements"));
}

#[test]
fn an_engine_the_programme_excludes_is_a_warning() {
    let cat = Catalog::builtin();
    let mut dir = comp(1, "directory-service", "Corp directory");
    dir.variant = Some("simple-ad".into());
    let mut p = project(vec![dir, comp(2, "directory-service", "Managed AD")], vec![]);
    p.components[1].variant = Some("managed-ad".into());
    p.compliance = vec![srm_planner::vocab::Framework::Hipaa];
    let problems = srm_planner::project::check(&p, cat);
    let hits: Vec<_> = problems.iter().filter(|x| x.message.contains("Simple AD")).collect();
    assert_eq!(hits.len(), 1, "{problems:?}");
    assert_eq!(hits[0].component, Some(srm_planner::project::ComponentId(1)));
}

#[test]
fn catalog_frameworks_lists_programmes_with_dates_and_versions() {
    let o = run(&["catalog", "--frameworks", "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().unwrap();
    for id in ["hipaa", "pci-dss", "iso-27001", "soc-2"] {
        let e = list.iter().find(|e| e["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(e["kind"], "programme");
        assert!(e["scope_as_of"].as_str().is_some_and(|s| s.contains("20")), "{id} has no as-of date");
        assert!(e["in_scope"].as_array().is_some_and(|l| l.len() > 50), "{id}");
    }
    for id in ["cis-aws-5.0.0", "cis-aws-3.0.0", "nist-800-53-r5", "pci-dss-4.0.1", "iso-27001-2022"] {
        let e = list.iter().find(|e| e["id"] == id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(e["kind"], "framework-version");
    }
}

#[test]
fn report_refuses_an_unknown_framework() {
    let o = run(&["report", "saved/static-site.ron", "--framework", "sox-2002"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no framework version `sox-2002`") && err.contains("pci-dss-4.0.1"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn the_oscal_component_definition_has_a_component_per_stack() {
    let cat = Catalog::builtin();
    let p = example("three-tier-web-app.ron");
    let mut r = Report::build(cat, &p);
    r.generated = Some("2026-12-01T12:00:00Z".into());
    let v: serde_json::Value = serde_json::from_str(&Format::Oscal.render_report(&r)).unwrap();
    let cd = &v["component-definition"];
    assert_eq!(cd["metadata"]["oscal-version"], "1.1.2");
    assert_eq!(cd["metadata"]["last-modified"], "2026-12-01T12:00:00Z");
    let vpcs = p.boundaries.iter().filter(|b| b.kind == "vpc").count();
    let comps = cd["components"].as_array().unwrap();
    assert_eq!(comps.len(), p.components.len() + vpcs);
    for c in comps {
        let layers = &c["control-implementations"][0];
        assert_eq!(layers["source"], "urn:srm-planner:responsibility-layers");
        let reqs = layers["implemented-requirements"].as_array().unwrap();
        assert_eq!(reqs.len(), 13);
        // A customer layer says what the customer does; an AWS layer what AWS provides.
        for req in reqs {
            let owner = req["props"][0]["value"].as_str().unwrap();
            let roles: Vec<&str> = req["statements"]
                .as_array()
                .map(|s| s.iter().map(|s| s["responsible-roles"][0]["role-id"].as_str().unwrap()).collect())
                .unwrap_or_default();
            match owner {
                "aws" => assert_eq!(roles, ["provider"]),
                "customer" => assert_eq!(roles, ["customer"]),
                "shared" => assert_eq!(roles, ["provider", "customer"]),
                _ => assert!(roles.is_empty()),
            }
        }
    }
    // The RDS database's NIST implementation names rds.encrypt-at-rest under SC-28.
    let db = comps.iter().find(|c| c["props"][0]["value"] == "rds").unwrap();
    let nist = db["control-implementations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|ci| ci["props"][0]["value"] == "nist-800-53-r5")
        .unwrap();
    let sc28 = nist["implemented-requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["control-id"] == "sc-28")
        .unwrap();
    assert!(sc28["description"].as_str().unwrap().contains("rds.encrypt-at-rest"));
    // The same input gives the same document.
    assert_eq!(Format::Oscal.render_report(&r), Format::Oscal.render_report(&r));
}

#[test]
fn an_empty_project_gives_an_oscal_document_without_empty_arrays() {
    let p = project(vec![], vec![]);
    let r = Report::build(Catalog::builtin(), &p);
    let v: serde_json::Value = serde_json::from_str(&Format::Oscal.render_report(&r)).unwrap();
    assert!(v["component-definition"].get("components").is_none(), "{v}");
    assert!(v["component-definition"]["metadata"]["title"].is_string());
}

#[test]
fn each_framework_version_has_its_own_oscal_source() {
    let p = example("three-tier-web-app.ron");
    let r = Report::build(Catalog::builtin(), &p);
    let v: serde_json::Value = serde_json::from_str(&Format::Oscal.render_report(&r)).unwrap();
    for c in v["component-definition"]["components"].as_array().unwrap() {
        let sources: Vec<&str> = c["control-implementations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|ci| ci["source"].as_str().unwrap())
            .collect();
        let mut unique = sources.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), sources.len(), "{sources:?}");
    }
}
