//! Stacks of the core services match AWS's documentation (see each service's sources).

use srm_planner::catalog::Catalog;
use srm_planner::vocab::{AwsPart, Layer, Owner};

fn owner(service: &str, variant: Option<&str>, layer: Layer) -> (Owner, Option<AwsPart>) {
    let svc = Catalog::builtin().service(service).unwrap_or_else(|| panic!("catalog lacks {service}"));
    let v = svc.variant(variant).unwrap_or_else(|| panic!("{service} lacks variant {variant:?}"));
    let e = v.layers.get(layer);
    (e.owner, e.aws_part)
}

#[test]
fn core_services_are_in_the_catalog() {
    for id in [
        "ec2",
        "ebs",
        "vpc",
        "elb",
        "lambda",
        "ecs",
        "rds",
        "dynamodb",
        "s3",
        "sqs",
        "sns",
        "api-gateway",
        "cloudfront",
        "kms",
        "iam",
        "cloudtrail",
    ] {
        assert!(Catalog::builtin().service(id).is_some(), "missing core service {id}");
    }
}

#[test]
fn ec2_guest_os_is_the_customers() {
    assert_eq!(owner("ec2", None, Layer::GuestOs).0, Owner::Customer);
    assert_eq!(owner("ec2", None, Layer::HostOs).0, Owner::Aws);
}

#[test]
fn rds_guest_os_is_aws() {
    assert_eq!(owner("rds", Some("rds"), Layer::GuestOs).0, Owner::Aws);
    // RDS encryption at rest is chosen at creation: shared, opt-in.
    assert_eq!(owner("rds", Some("rds"), Layer::EncryptionAtRest), (Owner::Shared, Some(AwsPart::OptIn)));
}

#[test]
fn ecs_variant_moves_the_guest_os_line() {
    assert_eq!(owner("ecs", Some("fargate"), Layer::GuestOs).0, Owner::Aws);
    assert_eq!(owner("ecs", Some("ec2"), Layer::GuestOs).0, Owner::Customer);
}

#[test]
fn s3_encryption_at_rest_is_shared_and_on_by_default() {
    assert_eq!(owner("s3", None, Layer::EncryptionAtRest), (Owner::Shared, Some(AwsPart::OnByDefault)));
    assert_eq!(owner("s3", None, Layer::Data).0, Owner::Customer);
}

#[test]
fn data_and_identity_are_never_aws_alone() {
    // Security *in* the cloud: access and data stay the customer's in every service. A service that
    // keeps no data at all (a Direct Connect link) may mark the data layer not applicable.
    for svc in Catalog::builtin().services() {
        for v in &svc.variants {
            let identity = v.layers.get(Layer::Identity).owner;
            assert!(
                matches!(identity, Owner::Customer | Owner::Shared),
                "{} {} identity: {identity}",
                svc.id,
                v.id
            );
            let data = v.layers.get(Layer::Data).owner;
            assert_ne!(data, Owner::Aws, "{} {} data", svc.id, v.id);
        }
    }
}
