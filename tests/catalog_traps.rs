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

// ---- Round 2: facts re-checked against the service security chapters and the Security Hub
// CSPM control pages (each test names the page that says so).

/// Every to-do of the service (any variant) that carries the control.
fn carriers(id: &str, control: &str) -> Vec<&'static Todo> {
    svc(id).todos.iter().filter(|t| t.all_controls().any(|c| c == control)).collect()
}

/// The requirement ids a control's page lists for one framework version.
fn reqs(control: &str, framework: &str) -> Vec<String> {
    let c = Catalog::builtin().control(control).unwrap_or_else(|| panic!("no entry for control {control}"));
    c.requirements.get(framework).cloned().unwrap_or_default()
}

#[test]
fn the_catalog_has_at_least_120_services() {
    assert!(Catalog::builtin().services().len() >= 120, "{}", Catalog::builtin().services().len());
}

#[test]
fn aurora_encrypts_new_clusters_by_default_but_rds_still_asks() {
    // AuroraUserGuide/Overview.Encryption.html: clusters created since February 2026 are encrypted.
    for v in ["provisioned", "serverless"] {
        let (owner, part, _) = entry("aurora", Some(v), Layer::EncryptionAtRest);
        assert_eq!((owner, part), (Owner::Shared, Some(AwsPart::OnByDefault)), "aurora {v}");
    }
    // UserGuide/Overview.Encryption.html: an RDS DB instance is encrypted only when asked.
    assert_eq!(entry("rds", Some("rds"), Layer::EncryptionAtRest).1, Some(AwsPart::OptIn));
}

#[test]
fn redshift_requires_ssl_by_default_since_2025() {
    // The 2025 default parameter group sets require_ssl.
    let (owner, part, _) = entry("redshift", Some("provisioned"), Layer::EncryptionInTransit);
    assert_eq!((owner, part), (Owner::Shared, Some(AwsPart::OnByDefault)));
}

#[test]
fn rds_35_is_not_an_aurora_control() {
    // rds-controls.html#rds-35 evaluates RDS DB clusters' auto minor upgrade for non-Aurora engines.
    assert!(carriers("aurora", "RDS.35").is_empty());
    assert!(!carriers("aurora", "RDS.13").is_empty());
}

#[test]
fn dax_controls_sit_on_dax_not_on_dynamodb() {
    // dynamodb-controls.html: DynamoDB.3 and DynamoDB.7 evaluate AWS::DAX::Cluster.
    for c in ["DynamoDB.3", "DynamoDB.7"] {
        assert!(carriers("dynamodb", c).is_empty(), "{c} on a DynamoDB to-do");
        assert!(!carriers("dax", c).is_empty(), "{c} missing from DAX");
        let def = Catalog::builtin().control(c).unwrap();
        assert_eq!(def.resource_types, vec!["AWS::DAX::Cluster".to_string()]);
    }
}

#[test]
fn node_based_elasticache_controls_skip_serverless_caches() {
    // elasticache-controls.html: ElastiCache.1, .6 and .7 evaluate clusters and replication groups.
    for c in ["ElastiCache.1", "ElastiCache.6", "ElastiCache.7"] {
        assert!(with_control("elasticache", "serverless", c).is_empty(), "{c} on serverless");
        assert!(!with_control("elasticache", "node-based", c).is_empty(), "{c} missing");
    }
}

#[test]
fn sagemaker_is_five_variants_each_with_its_own_controls() {
    let ids: Vec<&str> = svc("sagemaker").variants.iter().map(|v| v.id.as_str()).collect();
    for v in ["studio", "training", "notebook-instances", "endpoints", "batch-transform"] {
        assert!(ids.contains(&v), "sagemaker lacks {v}");
    }
    // sagemaker-controls.html: SageMaker.1-.3 are notebook instances.
    for c in ["SageMaker.1", "SageMaker.2", "SageMaker.3"] {
        for v in ["studio", "training", "endpoints", "batch-transform"] {
            assert!(with_control("sagemaker", v, c).is_empty(), "{c} on {v}");
        }
        assert!(!with_control("sagemaker", "notebook-instances", c).is_empty());
    }
    // A Studio domain defaults to public internet access: the network is the customer's.
    assert_eq!(entry("sagemaker", Some("studio"), Layer::NetworkConfig).0, Owner::Customer);
}

#[test]
fn aws_encrypts_some_network_paths_so_transit_is_shared() {
    // AWSEC2/latest/UserGuide/data-protection.html: traffic between Availability Zones and
    // Regions and between supported Nitro instances is encrypted by AWS.
    let (owner, part, _) = entry("ec2", None, Layer::EncryptionInTransit);
    assert_eq!((owner, part), (Owner::Shared, Some(AwsPart::OnByDefault)));
    // tgw-peering.html: inter-Region peering traffic is encrypted.
    assert_eq!(entry("transit-gateway", None, Layer::EncryptionInTransit).0, Owner::Shared);
}

#[test]
fn sns_topics_are_encrypted_at_rest_by_default() {
    // sns-controls.html#sns-1: topics are encrypted at rest by default; a KMS key is the option.
    let (owner, part, _) = entry("sns", None, Layer::EncryptionAtRest);
    assert_eq!((owner, part), (Owner::Shared, Some(AwsPart::OnByDefault)));
}

#[test]
fn ecs_managed_instances_move_the_guest_os_to_aws() {
    // security-shared-model-managed-instances.html: AWS patches and replaces the instances.
    assert_eq!(entry("ecs", Some("managed-instances"), Layer::GuestOs).0, Owner::Aws);
    assert_eq!(entry("ecs", Some("ec2"), Layer::GuestOs).0, Owner::Customer);
}

#[test]
fn eks_hybrid_nodes_and_outposts_run_on_the_customers_site() {
    // hybrid-nodes-overview.html: the nodes are the customer's own machines.
    let v = svc("eks").variant(Some("hybrid-nodes")).unwrap();
    assert!(v.customer_site);
    assert_eq!(v.layers.get(Layer::GuestOs).owner, Owner::Customer);
    assert_ne!(v.layers.get(Layer::Facilities).owner, Owner::Aws);
    // Outposts: AWS's hardware in the customer's building, power and network.
    for o in ["racks", "servers"] {
        let v = svc("outposts").variant(Some(o)).unwrap();
        assert!(v.customer_site, "{o}");
        assert_ne!(v.layers.get(Layer::Facilities).owner, Owner::Aws, "{o}");
    }
}

#[test]
fn fsx_controls_follow_the_file_system_type() {
    // fsx-controls.html: FSx.2 is Lustre, FSx.5 Windows File Server, FSx.4 ONTAP.
    for (c, only) in [("FSx.2", "lustre"), ("FSx.5", "windows"), ("FSx.4", "ontap")] {
        for v in ["windows", "lustre", "ontap", "openzfs"] {
            let on = !with_control("fsx", v, c).is_empty();
            assert_eq!(on, v == only, "{c} on {v}");
        }
    }
}

#[test]
fn lambda_2_ignores_container_image_functions() {
    // lambda-controls.html#lambda-2 evaluates only functions deployed as .zip archives.
    assert!(with_control("lambda", "container-image", "Lambda.2").is_empty());
    assert!(!with_control("lambda", "zip", "Lambda.2").is_empty());
}

#[test]
fn classic_load_balancer_controls_stay_on_classic() {
    // elb-controls.html: ELB.7, .9, .10 and .14 evaluate Classic Load Balancers; ELB.5 is ALB and Classic only.
    for c in ["ELB.7", "ELB.9", "ELB.10", "ELB.14"] {
        for v in ["alb", "nlb", "gwlb"] {
            assert!(with_control("elb", v, c).is_empty(), "{c} on {v}");
        }
        assert!(!with_control("elb", "clb", c).is_empty(), "{c} missing on clb");
    }
    assert!(with_control("elb", "nlb", "ELB.5").is_empty());
}

#[test]
fn http_apis_are_not_checked_by_rest_api_controls() {
    // apigateway-controls.html: APIGateway.1 covers REST and WebSocket stages; .8 and .9 are v2.
    assert!(with_control("api-gateway", "http", "APIGateway.1").is_empty());
    assert!(!with_control("api-gateway", "http", "APIGateway.8").is_empty());
    assert!(with_control("api-gateway", "rest", "APIGateway.8").is_empty());
}

#[test]
fn retired_controls_are_not_used() {
    // CodeBuild.5 (privileged mode, retired 2024), ECS.1 (retired 2026), AppSync.1 and AppSync.6
    // (retired 2026: cache encryption is mandatory), MQ.3 (no longer on its page).
    let cat = Catalog::builtin();
    for c in ["CodeBuild.5", "ECS.1", "AppSync.1", "AppSync.6", "MQ.3"] {
        let users: Vec<&str> = cat
            .services()
            .iter()
            .flat_map(|s| &s.todos)
            .chain(cat.account_todos())
            .filter(|t| t.all_controls().any(|x| x == c))
            .map(|t| t.id.as_str())
            .collect();
        assert!(users.is_empty(), "{c} is used by {users:?}");
    }
}

#[test]
fn control_pages_map_cis_versions_differently() {
    // ec2-controls.html: EC2.13 maps to no CIS v3 or v5 recommendation; EC2.53 is CIS 5.0.0 5.3.
    assert!(reqs("EC2.13", "cis-aws-5.0.0").is_empty());
    assert_eq!(reqs("EC2.53", "cis-aws-5.0.0"), ["5.3"]);
    // iam-controls.html: IAM.22 is CIS 5.0.0 1.11, IAM.2 is 1.14.
    assert_eq!(reqs("IAM.22", "cis-aws-5.0.0"), ["1.11"]);
    assert_eq!(reqs("IAM.2", "cis-aws-5.0.0"), ["1.14"]);
    // ec2-controls.html#ec2-7: EBS default encryption is CIS 5.0.0 5.1.1 and NIST SC-28.
    assert_eq!(reqs("EC2.7", "cis-aws-5.0.0"), ["5.1.1"]);
    assert!(reqs("EC2.7", "nist-800-53-r5").contains(&"SC-28".to_string()));
    // cloudwatch-controls.html: CloudWatch.1 lists none of the four frameworks.
    assert!(Catalog::builtin().control("CloudWatch.1").unwrap().requirements.is_empty());
}

#[test]
fn account_baseline_locks_region_defaults() {
    let ids: Vec<&str> = Catalog::builtin().account_todos().iter().map(|t| t.id.as_str()).collect();
    for id in [
        "account.imdsv2-default",
        "account.snapshot-ami-block-public-access",
        "account.lock-baseline-with-org-policies",
        "account.centralize-root-access",
    ] {
        assert!(ids.contains(&id), "baseline lacks {id}");
    }
}

#[test]
fn workmail_ends_support_in_march_2027() {
    // workmail-end-of-support.html: the customer needs an exit plan.
    assert!(svc("workmail").todos.iter().any(|t| t.id == "workmail.plan-exit"));
}
