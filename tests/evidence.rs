//! Scanner findings on the checklist: each reader on files written for these tests (a Checkov
//! list of reports with skipped checks and another cloud's check, OCSF with `unmapped` fields,
//! muted and manual findings, ASFF with archived, suppressed, duplicate and non-control
//! findings), matching by source, name or ARN and single service, evidence in every export, and
//! `report --fail-on`.

use srm_planner::catalog::Catalog;
use srm_planner::evidence::{self, FindingsFile, Source, Status};
use srm_planner::export::{Format, Report};
use srm_planner::project::{Component, ComponentId, Pos, Project};

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/findings/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn read(name: &str) -> FindingsFile {
    evidence::read_path(std::path::Path::new(&fixture(name))).expect("reads")
}

fn comp(id: u64, service: &str, label: &str, source: Option<&str>) -> Component {
    Component {
        id: ComponentId(id),
        service: service.into(),
        variant: None,
        label: label.into(),
        position: Pos { x: id as f32 * 250.0, y: 0.0 },
        internet_facing: false,
        data: Default::default(),
        notes: String::new(),
        boundary: None,
        source: source.map(str::to_string),
    }
}

fn shop() -> Project {
    let mut assets = comp(4, "s3", "Assets", None);
    assets.notes = "The public assets bucket, arn:aws:s3:::shop-assets.".into();
    Project {
        name: "Shop".into(),
        components: vec![
            comp(1, "rds", "Orders", Some("module.data.aws_db_instance.orders")),
            comp(2, "ec2", "Web 1", Some("aws_instance.web[1]")),
            comp(3, "ec2", "Web 0", Some("aws_instance.web[0]")),
            assets,
            comp(5, "s3", "Logs", Some("aws_s3_bucket.logs")),
        ],
        ..Project::default()
    }
}

#[test]
fn checkov_lists_of_reports_are_read_with_skips_and_other_clouds_counted() {
    let f = read("checkov-list.json");
    assert_eq!(f.source, Some(Source::Checkov));
    assert_eq!(f.findings.len(), 5, "{:#?}", f.findings);
    assert!(f.skipped.iter().any(|(why, n)| why.contains("not an AWS check") && *n == 1));
    let skipped = f.findings.iter().find(|x| &*x.check == "CKV_AWS_18").unwrap();
    assert_eq!(skipped.status, Status::Accepted);
    let cfn = f
        .findings
        .iter()
        .find(|x| &*x.resource == "Orders")
        .expect("a CloudFormation resource by its logical id");
    assert_eq!(cfn.status, Status::Failed);
}

#[test]
fn prowler_ocsf_muted_manual_and_other_clouds() {
    let f = read("prowler.ocsf.json");
    assert_eq!(f.source, Some(Source::ProwlerOcsf));
    assert_eq!(f.findings.len(), 2);
    assert_eq!(f.findings[0].status, Status::Passed);
    assert_eq!(&*f.findings[0].resource, "arn:aws:s3:::shop-assets");
    assert_eq!(f.findings[0].name(), "shop-assets");
    assert_eq!(f.findings[1].status, Status::Accepted, "a muted failure is accepted");
    assert_eq!(f.skipped_total(), 2, "{:?}", f.skipped);
    assert!(f.skipped.iter().any(|(w, _)| w == "other cloud"));
}

#[test]
fn asff_archived_suppressed_duplicates_and_non_control_findings() {
    let f = read("securityhub.asff.json");
    assert_eq!(f.source, Some(Source::Asff));
    assert_eq!(f.findings.len(), 2, "{:#?}", f.findings);
    assert_eq!(f.duplicates, 1);
    assert!(f.skipped.iter().any(|(w, _)| w == "archived"));
    assert!(f.skipped.iter().any(|(w, _)| w.contains("not a control finding")));
    assert_eq!(f.findings.iter().find(|x| &*x.check == "EC2.8").unwrap().status, Status::Accepted);
}

#[test]
fn findings_answer_todos_and_find_their_components() {
    let p = shop();
    let files = [read("checkov-list.json"), read("prowler.ocsf.json"), read("securityhub.asff.json")];
    let r = Report::with_findings(Catalog::builtin(), &p, &files);
    let ev = r.evidence.as_ref().unwrap();
    assert_eq!(ev.stats.files, 3);
    assert_eq!(ev.stats.total, 9);
    assert_eq!(ev.stats.matched + ev.stats.unmatched, ev.stats.total);
    // Checkov by source: one web instance passes IMDSv2, the other fails.
    let imds = ev.todo("ec2.require-imdsv2").expect("IMDSv2 evidence");
    assert_eq!((imds.passed, imds.failed, imds.accepted), (1, 1, 1), "{imds:#?}");
    assert_eq!(imds.failing_components(), vec![ComponentId(2)]);
    // By ARN in the notes: Security Hub's S3.8 failure and Prowler's pass are the assets bucket's.
    let bpa = ev.todo("s3.block-public-access").expect("public access evidence");
    assert_eq!((bpa.passed, bpa.failed), (1, 1));
    assert!(bpa.resources.iter().all(|x| x.component == Some(4)), "{bpa:#?}");
    assert_eq!(bpa.resources[0].status, Status::Failed, "failures first");
    // Encryption at rest: a pass on the Terraform database; the CloudFormation `Orders` is not
    // this project's source, but its name is the label of the one RDS component.
    let rds = ev.todo("rds.encrypt-at-rest").expect("RDS evidence");
    assert_eq!((rds.passed, rds.failed), (1, 1));
    assert!(rds.resources.iter().all(|x| x.component == Some(1)));
    // Evidence suggests, never sets: statuses stay open.
    assert!(r.checklist.items.iter().all(|i| i.state.status == srm_planner::vocab::Status::Open));
}

#[test]
fn every_export_shows_the_evidence() {
    let p = shop();
    let files = [read("checkov-list.json"), read("securityhub.asff.json")];
    let r = Report::with_findings(Catalog::builtin(), &p, &files);
    let md = Format::Md.render_report(&r);
    assert!(md.contains("Evidence: 1 of 2 resource(s) fail"), "{md}");
    let html = Format::Html.render_report(&r);
    assert!(html.contains("class=\"ev-fail\""), "html");
    let csv = Format::Csv.render_report(&r);
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = header.iter().position(|h| h == "evidence_suggests").expect("an evidence column");
    let id = header.iter().position(|h| h == "id").unwrap();
    let imds = rows.records().map(|r| r.unwrap()).find(|r| &r[id] == "ec2.require-imdsv2").unwrap();
    assert_eq!(&imds[col], "failing");
    let json: serde_json::Value = serde_json::from_str(&Format::Json.render_report(&r)).unwrap();
    assert_eq!(json["findings"]["files"], 2);
    let t = json["todos"].as_array().unwrap().iter().find(|t| t["id"] == "ec2.require-imdsv2").unwrap();
    assert_eq!(t["evidence"]["failed"], 1);
    assert_eq!(t["evidence"]["resources"][0]["status"], "failed");
    assert_eq!(t["evidence"]["resources"][0]["component"], 2);
    // Without findings, nothing changes.
    let plain = Report::build(Catalog::builtin(), &p);
    assert!(!Format::Md.render_report(&plain).contains("Evidence:"));
    assert!(
        serde_json::from_str::<serde_json::Value>(&Format::Json.render_report(&plain))
            .unwrap()
            .get("findings")
            .is_none()
    );
}

#[test]
fn bad_findings_files_get_a_position_and_never_a_panic() {
    let e = evidence::read_str("f.json", "[{\"metadata\": {\"event_code\": \"x\"}, \"status_code\": \"PA")
        .unwrap_err();
    assert!(e.to_string().starts_with("f.json:1:") && e.message.contains("truncated"), "{e}");
    let e = evidence::read_str("f.json", "{\"hello\": [1, 2]}").unwrap_err();
    assert!(e.message.contains("no findings"), "{e}");
    assert!(evidence::read_str("f.json", "\"text\"").is_err());
    assert!(evidence::read_str("f.json", &format!("{}{}", "[".repeat(300), "]".repeat(300))).is_err());
    let empty = evidence::read_str("f.json", "[]").unwrap();
    assert!(empty.findings.is_empty());
    let odd = evidence::read_str("f.json", "[{\"a\": 1}, 3]").unwrap();
    assert_eq!(odd.skipped_total(), 2, "elements that are no findings are counted");
}

#[test]
fn report_fail_on_trips_on_failing_items() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("shop.ron");
    srm_planner::project::save_file(&project, &shop()).unwrap();
    let exe = env!("CARGO_BIN_EXE_srm-planner");
    let run = |rule: &str, findings: &str| {
        std::process::Command::new(exe)
            .arg("report")
            .arg(&project)
            .args(["--format", "json", "--findings", &fixture(findings), "--fail-on", rule])
            .output()
            .unwrap()
    };
    // ec2.require-imdsv2 is high: failing-high trips, failing-critical does not.
    let o = run("failing-high", "checkov-list.json");
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ec2.require-imdsv2"));
    assert!(serde_json::from_slice::<serde_json::Value>(&o.stdout).is_ok(), "the report is written first");
    let o = run("failing-critical", "prowler.ocsf.json");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // A broken findings file: exit 1 with its position.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{").unwrap();
    let o = std::process::Command::new(exe)
        .arg("report")
        .arg(&project)
        .arg("--findings")
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json:1:"));
}
