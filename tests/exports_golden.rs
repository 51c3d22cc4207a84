//! Every export format on every example matches its golden file in `tests/golden/`.
//! After a deliberate change (catalog or format), regenerate with
//! `UPDATE_GOLDEN=1 cargo test --test exports_golden` and review the diff.

mod common;
use srm_planner::catalog::Catalog;
use srm_planner::export;
use srm_planner::project::{Project, load_file};

type Exporter = fn(&Catalog, &Project) -> String;

fn crm(catalog: &Catalog, project: &Project) -> String {
    export::Format::Crm.render(catalog, project)
}

fn pci_md(catalog: &Catalog, project: &Project) -> String {
    let r = export::Report::build(catalog, project).for_framework("pci-dss-4.0.1").unwrap();
    export::Format::Md.render_report(&r)
}

const FORMATS: [(&str, Exporter); 6] = [
    ("md", export::markdown),
    ("csv", export::csv),
    ("html", export::html),
    ("json", export::json),
    // The customer responsibility matrix of every framework version.
    ("crm.csv", crm),
    // The PCI DSS view.
    ("pci-dss.md", pci_md),
];

#[test]
fn exports_match_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut mismatches = Vec::new();
    let examples = common::examples();
    assert!(examples.len() >= 4, "expected at least four examples in saved/");
    for path in examples {
        let project = load_file(&path).unwrap_or_else(|e| panic!("{e}")).project;
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        for (ext, f) in FORMATS {
            let out = f(Catalog::builtin(), &project);
            assert_eq!(out, f(Catalog::builtin(), &project), "{stem}.{ext} is not deterministic");
            let file = golden.join(format!("{stem}.{ext}"));
            if update {
                std::fs::write(&file, &out).unwrap();
            } else {
                match std::fs::read_to_string(&file) {
                    Ok(expected) if expected == out => {}
                    Ok(_) => mismatches.push(format!("{} differs", file.display())),
                    Err(e) => mismatches.push(format!("{}: {e}", file.display())),
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "golden mismatch (regenerate with UPDATE_GOLDEN=1 and review the diff):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn json_report_follows_the_schema() {
    let path = common::examples().into_iter().find(|p| p.ends_with("three-tier-web-app.ron")).unwrap();
    let project = load_file(&path).unwrap().project;
    let v: serde_json::Value = serde_json::from_str(&export::json(Catalog::builtin(), &project)).unwrap();
    assert_eq!(v["project"], project.name.as_str());
    let comps = v["components"].as_array().unwrap();
    assert_eq!(comps.len(), project.components.len());
    for c in comps {
        let layers = c["layers"].as_array().unwrap();
        assert_eq!(layers.len(), 13);
        assert_eq!(layers[0]["layer"], "facilities");
        assert_eq!(layers[12]["layer"], "data");
    }
    let todos = v["todos"].as_array().unwrap();
    assert!(!todos.is_empty());
    for t in todos {
        for key in ["id", "title", "domain", "priority", "status", "controls", "why", "components"] {
            assert!(!t[key].is_null(), "todo lacks {key}: {t}");
        }
    }
    // The RDS database's items list its component id.
    let rds_items: Vec<_> = todos.iter().filter(|t| t["service"] == "rds").collect();
    assert!(!rds_items.is_empty());
    assert!(rds_items.iter().all(|t| t["components"].as_array().unwrap().contains(&serde_json::json!(6))));
}

#[test]
fn markdown_checks_done_items_and_csv_has_one_row_per_item() {
    let path = common::examples().into_iter().find(|p| p.ends_with("static-site.ron")).unwrap();
    let project = load_file(&path).unwrap().project;
    let md = export::markdown(Catalog::builtin(), &project);
    let done_line = md.lines().find(|l| l.contains("`s3.block-public-access`")).expect("item listed");
    assert!(done_line.starts_with("- [x] "), "{done_line}");
    assert!(md.lines().filter(|l| l.starts_with("- [ ] ")).count() > 5);
    let csv = export::csv(Catalog::builtin(), &project);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    let list = srm_planner::checklist::build(Catalog::builtin(), &project);
    assert_eq!(rows.len(), list.items.len());
    let row = rows.iter().find(|r| &r[0] == "s3.block-public-access").unwrap();
    assert_eq!(&row[4], "done");
    assert_eq!(&row[5], "Web team");
}
