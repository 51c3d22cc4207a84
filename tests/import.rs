//! `srm-planner import` on templates and plans written for these tests: what becomes a
//! component, a boundary, folded or left out (and why), connections, attributes, layout,
//! re-import and bad input.

use srm_planner::catalog::Catalog;
use srm_planner::import::summary::{Outcome, Summary};
use srm_planner::import::{ImportError, Imported, InputFile, import, merge::merge};
use srm_planner::project::{Component, Project};
use srm_planner::vocab::DataClass;

fn fixture(name: &str) -> InputFile {
    let path = format!("{}/tests/fixtures/iac/{name}", env!("CARGO_MANIFEST_DIR"));
    InputFile { name: name.to_string(), text: std::fs::read_to_string(path).expect("fixture") }
}

fn run(names: &[&str]) -> Imported {
    let inputs: Vec<InputFile> = names.iter().map(|n| fixture(n)).collect();
    import(Catalog::builtin(), &inputs).expect("imports")
}

fn text(name: &str, text: &str) -> Result<Imported, ImportError> {
    import(Catalog::builtin(), &[InputFile { name: name.into(), text: text.into() }])
}

fn comp<'a>(p: &'a Project, source: &str) -> &'a Component {
    p.components
        .iter()
        .find(|c| c.source.as_deref() == Some(source))
        .unwrap_or_else(|| panic!("no component from {source}"))
}

fn line<'a>(s: &'a Summary, address: &str) -> &'a srm_planner::import::summary::ResourceLine {
    s.resources.iter().find(|r| r.address == address).unwrap_or_else(|| panic!("no line for {address}"))
}

fn connected(p: &Project, from: &str, to: &str) -> Option<srm_planner::project::Connection> {
    let (f, t) = (comp(p, from).id, comp(p, to).id);
    p.connections.iter().find(|k| k.from == f && k.to == t).cloned()
}

#[test]
fn every_resource_of_a_template_is_accounted_for() {
    let r = run(&["shop.yaml"]);
    let text = fixture("shop.yaml").text;
    let written = text.lines().filter(|l| l.starts_with("    Type: ")).count();
    assert_eq!(r.summary.resources.len(), written, "{:#?}", r.summary.resources);
    assert_eq!(r.summary.inputs[0].kind, "cloudformation");
    for l in &r.summary.resources {
        match l.outcome {
            Outcome::Component | Outcome::Boundary => assert!(l.into.is_some()),
            Outcome::Folded => assert!(l.into.is_some() && l.reason.is_some(), "{l:?}"),
            Outcome::Ignored => assert!(l.into.is_none() && l.reason.is_some(), "{l:?}"),
        }
    }
    assert!(line(&r.summary, "Seeder").reason.as_deref().unwrap().contains("custom resource"));
    assert_eq!(line(&r.summary, "Mystery").outcome, Outcome::Ignored);
    assert!(r.summary.warnings.iter().any(|w| w.contains("AWS::Made::Up")), "{:?}", r.summary.warnings);
    assert_eq!(
        line(&r.summary, "Reporting").outcome,
        Outcome::Component,
        "a nested stack alone is one component"
    );
    assert!(line(&r.summary, "Assets").reason.as_deref().unwrap().contains("IsProd"));
}

#[test]
fn services_boundaries_and_folding_follow_the_catalog() {
    let r = run(&["shop.yaml"]);
    let p = &r.project;
    assert_eq!(comp(p, "Front").service, "elb");
    assert_eq!(comp(p, "Front").label, "Shop front door");
    assert_eq!(comp(p, "AppFleet").service, "auto-scaling");
    assert_eq!(comp(p, "Orders").service, "rds");
    assert_eq!(comp(p, "Reporting").service, "cloudformation");
    let b = |src: &str| p.boundaries.iter().find(|b| b.source.as_deref() == Some(src)).unwrap();
    assert_eq!(b("ShopVpc").kind, "vpc");
    assert_eq!(b("ShopVpc").label, "Shop VPC");
    assert_eq!(b("WebSubnet").kind, "public-subnet", "its route table reaches the internet gateway");
    assert_eq!(b("AppSubnet").kind, "private-subnet");
    assert_eq!(b("WebSubnet").parent, Some(b("ShopVpc").id));
    assert!(b("WebSubnet").label.contains("eu-west-1a"));
    assert_eq!(comp(p, "Front").boundary, Some(b("WebSubnet").id));
    assert_eq!(comp(p, "AppFleet").boundary, Some(b("AppSubnet").id));
    assert_eq!(comp(p, "Orders").boundary, Some(b("AppSubnet").id), "through its DB subnet group");
    // Helpers are folded into what they serve.
    assert_eq!(line(&r.summary, "Https").into, Some(comp(p, "Front").id.0));
    assert_eq!(line(&r.summary, "AppLaunch").into, Some(comp(p, "AppFleet").id.0));
    assert_eq!(line(&r.summary, "DbParams").into, Some(comp(p, "Orders").id.0));
    assert_eq!(line(&r.summary, "Igw").outcome, Outcome::Folded);
}

#[test]
fn attributes_come_from_the_code_and_secrets_never_do() {
    let r = run(&["shop.yaml"]);
    let p = &r.project;
    assert!(comp(p, "Front").internet_facing, "no scheme: internet-facing is the default");
    assert!(!comp(p, "Orders").internet_facing);
    assert_eq!(comp(p, "AppFleet").data, DataClass::Confidential);
    assert_eq!(comp(p, "Orders").data, DataClass::default());
    assert!(comp(p, "Orders").notes.contains("assumed"));
    let saved = srm_planner::project::to_ron_string(p);
    assert!(
        !saved.contains("secret-password-here") && !saved.contains("resolve:secretsmanager"),
        "user data and secrets stay out"
    );
}

#[test]
fn connections_follow_traffic_through_listeners_and_security_groups() {
    let r = run(&["shop.yaml"]);
    let p = &r.project;
    let lb_app = connected(p, "Front", "AppFleet").expect("listener → target group → fleet");
    assert!(lb_app.encrypted, "its target group speaks HTTPS: {lb_app:?}");
    let app_db = connected(p, "AppFleet", "Orders").expect("the database group admits the app group");
    assert_eq!(app_db.label, "port 5432");
    assert!(app_db.encrypted, "rds.force_ssl is 1");
    assert!(connected(p, "Orders", "AppFleet").is_none(), "traffic goes one way");
}

#[test]
fn sam_events_and_implicit_resources_become_components_and_connections() {
    let r = run(&["orders-sam.yaml"]);
    let p = &r.project;
    assert_eq!(comp(p, "Intake").service, "lambda");
    assert_eq!(comp(p, "Ledger").service, "dynamodb");
    let api = comp(p, "ServerlessRestApi");
    assert_eq!(api.service, "api-gateway");
    assert!(api.internet_facing);
    assert!(line(&r.summary, "ServerlessRestApi").reason.as_deref().unwrap().contains("created by SAM"));
    assert!(connected(p, "ServerlessRestApi", "Intake").is_some());
    assert_eq!(connected(p, "Orders", "Worker").expect("queue feeds the worker").label, "messages");
    assert!(connected(p, "Intake", "Orders").is_some(), "the function names the queue");
    assert!(connected(p, "Worker", "Ledger").is_some(), "its policy names the table");
    assert_eq!(comp(p, "WorkerNightly").service, "eventbridge");
    assert!(connected(p, "WorkerNightly", "Worker").is_some());
}

#[test]
fn terraform_plans_read_modules_counts_and_for_each() {
    let r = run(&["plan.json"]);
    let p = &r.project;
    assert_eq!(r.summary.inputs[0].kind, "terraform-plan");
    let svc = comp(p, "module.svc[\"billing.v2\"].aws_ecs_service.this");
    assert_eq!((svc.service.as_str(), svc.variant.as_deref()), ("ecs", Some("fargate")));
    assert_eq!(svc.data, DataClass::Regulated);
    let db = comp(p, "module.svc[\"billing.v2\"].aws_rds_cluster.db");
    assert_eq!((db.service.as_str(), db.variant.as_deref()), ("aurora", Some("provisioned")));
    assert!(db.internet_facing, "its instance is publicly accessible");
    assert_eq!(
        line(&r.summary, "module.svc[\"billing.v2\"].aws_rds_cluster_instance.db[0]").into,
        Some(db.id.0)
    );
    assert_eq!(line(&r.summary, "module.svc[\"billing.v2\"].aws_ecs_cluster.this").into, Some(svc.id.0));
    assert!(line(&r.summary, "aws_instance.legacy").reason.as_deref().unwrap().contains("deleted"));
    assert!(
        line(&r.summary, "data.aws_caller_identity.me").reason.as_deref().unwrap().contains("data source")
    );
    assert_eq!(line(&r.summary, "random_id.suffix").outcome, Outcome::Ignored);
    // Through the module's input: load balancer → listener → target group → the service.
    let lb_svc =
        connected(p, "aws_lb.api", "module.svc[\"billing.v2\"].aws_ecs_service.this").expect("connected");
    assert!(!lb_svc.encrypted);
    assert!(
        !connected(p, "aws_lb.api", "module.svc[\"billing.v2\"].aws_ecs_service.this").unwrap().encrypted
    );
    assert!(r.summary.warnings.iter().any(|w| w.contains("unencrypted")));
    let public: Vec<_> = p.boundaries.iter().filter(|b| b.kind == "public-subnet").collect();
    assert_eq!(public.len(), 2, "count instances are two subnets");
    assert!(public.iter().all(|b| b.parent == p.boundaries.iter().find(|x| x.kind == "vpc").map(|x| x.id)));
    assert!(public.iter().any(|b| comp(p, "aws_lb.api").boundary == Some(b.id)));
    assert!(svc.boundary.is_some_and(|b| public.iter().any(|x| x.id == b)), "subnets through var.subnets");
    assert!(!srm_planner::project::to_ron_string(p).contains("hunter2"));
}

#[test]
fn terraform_states_link_resources_by_their_ids() {
    let r = run(&["state.json"]);
    assert_eq!(r.summary.inputs[0].kind, "terraform-state");
    let k = connected(&r.project, "aws_sqs_queue.jobs", "aws_lambda_function.runner")
        .expect("the mapping feeds the function");
    assert!(!k.encrypted);
}

#[test]
fn the_layout_keeps_nodes_apart_and_inside_their_boxes() {
    for f in ["shop.yaml", "orders-sam.yaml", "plan.json"] {
        let p = run(&[f]).project;
        for (i, a) in p.components.iter().enumerate() {
            for b in &p.components[i + 1..] {
                let apart = (a.position.x - b.position.x).abs() >= 184.0
                    || (a.position.y - b.position.y).abs() >= 72.0;
                assert!(apart, "{f}: {} and {} overlap", a.label, b.label);
            }
            if let Some(bid) = a.boundary {
                let r = p.boundaries.iter().find(|x| x.id == bid).unwrap().rect;
                assert!(
                    a.position.x - 92.0 >= r.x && a.position.x + 92.0 <= r.x + r.w,
                    "{f}: {} outside its box",
                    a.label
                );
                assert!(
                    a.position.y - 36.0 >= r.y && a.position.y + 36.0 <= r.y + r.h,
                    "{f}: {} outside its box",
                    a.label
                );
            }
        }
        // Sibling boxes do not overlap.
        for (i, a) in p.boundaries.iter().enumerate() {
            for b in &p.boundaries[i + 1..] {
                if a.parent == b.parent {
                    let (ra, rb) = (a.rect, b.rect);
                    let overlap =
                        ra.x < rb.x + rb.w && rb.x < ra.x + ra.w && ra.y < rb.y + rb.h && rb.y < ra.y + ra.h;
                    assert!(!overlap, "{f}: boxes {} and {} overlap", a.label, b.label);
                }
            }
        }
        // Same input, same drawing.
        assert_eq!(run(&[f]).project, p, "{f}: the layout is deterministic");
        // And the project is valid.
        let text = srm_planner::project::to_ron_string(&p);
        let loaded = srm_planner::project::load_str(&text, f).expect("loads");
        assert!(loaded.repairs.is_empty(), "{f}: {:?}", loaded.repairs);
    }
    // Entry points first: the load balancer is left of what it feeds.
    let p = run(&["shop.yaml"]).project;
    assert!(comp(&p, "Front").position.x < comp(&p, "AppFleet").position.x);
    assert!(comp(&p, "AppFleet").position.x < comp(&p, "Orders").position.x);
}

#[test]
fn a_reimport_keeps_what_the_user_did_and_lists_what_is_gone() {
    let first = run(&["shop.yaml"]).project;
    let mut edited = first.clone();
    let front = comp(&first, "Front").id;
    {
        let c = edited.component_mut(front).unwrap();
        c.label = "Edge".into();
        c.notes = "reviewed by Ana".into();
        c.position.x += 500.0;
    }
    edited.set_todo_state(
        "elb.tls-listeners",
        srm_planner::project::TodoState { assignee: "ana".into(), ..Default::default() },
    );
    // The code changes: the bucket goes, a queue arrives.
    let code = fixture("shop.yaml").text.replace(
        "  Assets:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n",
        "  Jobs:\n    Type: AWS::SQS::Queue\n",
    );
    let fresh = text("shop.yaml", &code).unwrap();
    let merged = merge(&edited, fresh);
    let p = &merged.project;
    let c = p.component(front).unwrap();
    assert_eq!((c.label.as_str(), c.notes.as_str()), ("Edge", "reviewed by Ana"));
    assert_eq!(c.position, edited.component(front).unwrap().position);
    assert_eq!(p.todo_state("elb.tls-listeners").assignee, "ana");
    assert!(p.components.iter().any(|c| c.source.as_deref() == Some("Jobs")));
    assert_eq!(merged.summary.gone.len(), 1);
    assert_eq!(merged.summary.gone[0].source, "Assets");
    assert!(
        p.components.iter().any(|c| c.source.as_deref() == Some("Assets")),
        "nothing is removed without asking"
    );
    assert_eq!(p.boundaries.len(), first.boundaries.len(), "boxes are matched, not doubled");
    let ids: std::collections::HashSet<_> = p.components.iter().map(|c| c.id).collect();
    assert_eq!(ids.len(), p.components.len());
    assert_eq!(line(&merged.summary, "Front").into, Some(front.0));
}

#[test]
fn several_files_make_one_project() {
    let r = run(&["shop.yaml", "orders-sam.yaml", "plan.json"]);
    assert_eq!(r.summary.inputs.len(), 3);
    let sources: std::collections::HashSet<_> =
        r.project.components.iter().map(|c| c.source.clone()).collect();
    assert_eq!(sources.len(), r.project.components.len(), "sources are unique");
}

#[test]
fn bad_input_gets_a_clear_error_with_a_position() {
    let e = text("t.yaml", "Resources:\n  A: [1, 2\n  B: 3\n").unwrap_err();
    assert!(e.line > 0 && e.to_string().starts_with("t.yaml:"), "{e}");
    let e = text("t.json", "{\"Resources\": {\"A\": }").unwrap_err();
    assert_eq!((e.line, e.to_string().contains("not valid JSON")), (1, true), "{e}");
    let e = text("t.json", "{\"hello\": 1}").unwrap_err();
    assert!(e.to_string().contains("neither a CloudFormation template"), "{e}");
    let e = text("t.json", "{\"format_version\": \"2.0\", \"planned_values\": {}}").unwrap_err();
    assert!(e.to_string().contains("format_version `2.0`"), "{e}");
    let e = text("t.json", "{\"version\": 4, \"lineage\": \"x\", \"resources\": []}").unwrap_err();
    assert!(e.to_string().contains("terraform show -json"), "{e}");
    let e = text("t.yaml", "").unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    let deep = format!("Resources: {}{}", "[".repeat(500), "]".repeat(500));
    assert!(text("t.yaml", &deep).is_err());
    let deep_json = format!("{{\"Resources\": {}{}}}", "[".repeat(500), "]".repeat(500));
    assert!(text("t.json", &deep_json).is_err());
    // A reference to a missing resource is a warning with its position, not a failure.
    let r = text("t.yaml", "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Role: !GetAtt Missing.Arn\n").unwrap();
    assert!(
        r.summary.warnings.iter().any(|w| w.contains("Missing") && w.contains("t.yaml:5:")),
        "{:?}",
        r.summary.warnings
    );
    let r = text("t.json", "{\"Resources\": {\"Fn\": {\"Type\": \"AWS::Lambda::Function\",\n  \"Properties\": {\"Role\": {\"Ref\": \"Gone\"}}}}}").unwrap();
    assert!(
        r.summary.warnings.iter().any(|w| w.contains("Gone") && w.contains("t.json:2:")),
        "{:?}",
        r.summary.warnings
    );
    // Not a template at all.
    assert!(text("t.yaml", "just: [a, list]\n").is_err());
    assert!(text("t.txt", "\u{0}\u{1}binary").is_err());
}

#[test]
fn the_cli_writes_a_project_and_prints_the_summary_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.ron");
    let exe = env!("CARGO_BIN_EXE_srm-planner");
    let fx = format!("{}/tests/fixtures/iac/shop.yaml", env!("CARGO_MANIFEST_DIR"));
    let o = std::process::Command::new(exe)
        .args(["import", &fx, "-o"])
        .arg(&out)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in ["inputs", "resources", "components", "boundaries", "connections", "warnings"] {
        assert!(v.get(key).is_some(), "summary lacks {key}");
    }
    let first = &v["resources"][0];
    for key in ["file", "address", "type", "outcome", "into", "reason"] {
        assert!(first.get(key).is_some(), "resource line lacks {key}");
    }
    let p = srm_planner::project::load_file(&out).unwrap().project;
    assert_eq!(p.components.len() as u64, v["components"].as_u64().unwrap());
    // Re-import into it: written back in place, nothing lost.
    let o = std::process::Command::new(exe).args(["import", &fx, "--into"]).arg(&out).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(srm_planner::project::load_file(&out).unwrap().project.components.len(), p.components.len());
    // Bad input: exit 1 with file:line:column on stderr; usage errors: exit 2.
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "Resources:\n  A: [1\n").unwrap();
    let o = std::process::Command::new(exe).arg("import").arg(&bad).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("bad.yaml:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = std::process::Command::new(exe).arg("import").output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_template_over_64_mib_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("huge.yaml");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(65 * 1024 * 1024).unwrap();
    let e = InputFile::read(&big).unwrap_err();
    assert!(e.to_string().contains("64 MiB"), "{e}");
}
