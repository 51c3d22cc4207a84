//! The documented traps of the Shared Responsibility Model (aws-facts.md, each service's sources):
//! the catalog must get them right, with a to-do where the customer has to act.

use srm_planner::catalog::{Catalog, Service, Todo};
use srm_planner::vocab::{AwsPart, Layer, Owner};

fn svc(id: &str) -> &'static Service {
    Catalog::builtin().service(id).unwrap_or_else(|| panic!("catalog lacks {id}"))
}

fn entry(id: &str, variant: Option<&str>, layer: Layer) -> (Owner, Option<AwsPart>, String) {
    let s = svc(id);
    let v = s.variant(variant).unwrap_or_else(|| panic!("{id} lacks variant {variant:?}"));
    let e = v.layers.get(layer);
    (e.owner, e.aws_part, e.note.to_lowercase())
}

/// The to-dos of a service variant that carry the given Security Hub control.
fn with_control<'a>(id: &str, variant: &str, control: &str) -> Vec<&'a Todo> {
    svc(id)
        .todos
        .iter()
        .filter(|t| t.applies_to_variant(variant) && t.all_controls().any(|c| c == control))
        .collect()
}

fn any_todo_mentions(id: &str, variant: &str, words: &[&str]) -> bool {
    svc(id).todos.iter().filter(|t| t.applies_to_variant(variant)).any(|t| {
        let text = format!("{} {}", t.title, t.detail).to_lowercase();
        words.iter().all(|w| text.contains(w))
    })
}

#[test]
fn rds_and_efs_encryption_is_chosen_at_creation() {
    for (id, variant, control) in [("rds", "rds", "RDS.3"), ("efs", "default", "EFS.1")] {
        let (owner, part, _) = entry(id, Some(variant), Layer::EncryptionAtRest);
        assert_eq!((owner, part), (Owner::Shared, Some(AwsPart::OptIn)), "{id}");
        assert!(!with_control(id, variant, control).is_empty(), "{id} needs a to-do with {control}");
    }
}

#[test]
fn lambda_patches_managed_runtimes_only_in_auto_mode() {
    let (owner, _, note) = entry("lambda", Some("zip"), Layer::Platform);
    assert_eq!(owner, Owner::Shared);
    assert!(
        note.contains("auto"),
        "the platform note must say runtime updates are automatic only in Auto mode: {note}"
    );
    assert!(
        any_todo_mentions("lambda", "zip", &["auto"]),
        "a to-do must ask to keep runtime update mode on Auto"
    );
    // Container images: the customer rebuilds on new base images.
    let (owner, _, _) = entry("lambda", Some("container-image"), Layer::GuestOs);
    assert_ne!(owner, Owner::Aws, "the base image OS of a container-image function is not AWS's alone");
    assert!(any_todo_mentions("lambda", "container-image", &["rebuild"]));
}

#[test]
fn eks_managed_nodes_need_the_customer_to_roll_out_patched_amis() {
    let (owner, _, note) = entry("eks", Some("managed-nodes"), Layer::GuestOs);
    assert_eq!(owner, Owner::Shared);
    assert!(note.contains("ami"), "{note}");
    assert!(any_todo_mentions("eks", "managed-nodes", &["ami"]));
    assert_eq!(entry("eks", Some("self-managed-nodes"), Layer::GuestOs).0, Owner::Customer);
    assert_eq!(entry("eks", Some("fargate"), Layer::GuestOs).0, Owner::Aws);
}

#[test]
fn fargate_fixes_reach_only_new_tasks() {
    let (_, _, note) = entry("ecs", Some("fargate"), Layer::Platform);
    // A running task keeps the platform revision it started on: fixes arrive with new tasks.
    assert!(
        note.contains("new task") || (note.contains("running task") && note.contains("replace")),
        "{note}"
    );
    assert!(!with_control("ecs", "fargate", "ECS.10").is_empty(), "ECS.10: latest platform version");
}

#[test]
fn opensearch_isolates_domains_that_skip_required_updates() {
    let variant = &svc("opensearch").variants[0].id;
    let (owner, _, note) = entry("opensearch", Some(variant), Layer::Platform);
    assert_eq!(owner, Owner::Shared);
    assert!(note.contains("isolat"), "{note}");
    assert!(!with_control("opensearch", variant, "Opensearch.10").is_empty());
}

#[test]
fn sagemaker_notebook_instances_patch_only_on_restart() {
    let (_, _, note) = entry("sagemaker", Some("notebook-instances"), Layer::GuestOs);
    assert!(note.contains("restart"), "{note}");
    assert!(any_todo_mentions("sagemaker", "notebook-instances", &["restart"]));
}

#[test]
fn infrastructure_services_leave_the_guest_os_to_the_customer() {
    for (id, v) in [("ec2", None), ("ecs", Some("ec2")), ("eks", Some("self-managed-nodes"))] {
        assert_eq!(entry(id, v, Layer::GuestOs).0, Owner::Customer, "{id}");
    }
    for (id, v) in [("rds", Some("rds")), ("dynamodb", None), ("s3", None), ("lambda", Some("zip"))] {
        assert_eq!(entry(id, v, Layer::GuestOs).0, Owner::Aws, "{id}");
    }
}

#[test]
fn the_catalog_is_wide_enough() {
    let cat = Catalog::builtin();
    assert!(cat.services().len() >= 60, "only {} services", cat.services().len());
    for id in [
        "auto-scaling",
        "ecr",
        "batch",
        "app-runner",
        "amplify",
        "glacier",
        "fsx",
        "storage-gateway",
        "documentdb",
        "neptune",
        "keyspaces",
        "memorydb",
        "timestream",
        "direct-connect",
        "transit-gateway",
        "vpn",
        "global-accelerator",
        "network-firewall",
        "shield",
        "acm",
        "iam-identity-center",
        "organizations",
        "config",
        "security-hub",
        "inspector",
        "macie",
        "detective",
        "systems-manager",
        "appsync",
        "mq",
        "msk",
        "kinesis-data-firehose",
        "quicksight",
        "lake-formation",
        "bedrock",
        "ses",
        "transfer-family",
        "datasync",
    ] {
        assert!(cat.service(id).is_some(), "catalog lacks {id}");
    }
    for (id, variants) in [
        ("ecs", &["ec2", "fargate"][..]),
        ("eks", &["managed-nodes", "self-managed-nodes", "fargate", "auto-mode"]),
        ("aurora", &["provisioned", "serverless"]),
        ("emr", &["ec2", "serverless"]),
        ("lambda", &["zip", "container-image"]),
        ("sagemaker", &["notebook-instances", "endpoints"]),
        ("elastic-beanstalk", &["managed-updates-on", "managed-updates-off"]),
        ("rds", &["rds", "rds-custom"]),
    ] {
        let s = svc(id);
        for v in variants {
            assert!(s.variant(Some(v)).is_some(), "{id} lacks variant {v}");
        }
    }
}

#[test]
fn palette_search_finds_databases_and_queues() {
    let cat = Catalog::builtin();
    let ids = |q: &str| cat.search(q).iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    let db = ids("db");
    assert!(db.contains(&"rds".into()) && db.contains(&"dynamodb".into()), "{db:?}");
    assert!(ids("queue").contains(&"sqs".into()));
    assert_eq!(ids("").len(), cat.services().len());
    assert!(ids("zzzz-nothing").is_empty());
}
