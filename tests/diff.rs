//! The responsibility diff: EC2 → ECS on Fargate (guest OS moves to AWS), an added public
//! bucket, a database moved into a public subnet, matching by source, the Markdown headline,
//! `--fail-on` exit codes and standard input.

use srm_planner::catalog::Catalog;
use srm_planner::diff::diff;
use srm_planner::project::{Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Project, Rect};
use srm_planner::vocab::{Layer, Owner};

fn comp(id: u64, service: &str, variant: Option<&str>, label: &str) -> Component {
    Component {
        id: ComponentId(id),
        service: service.into(),
        variant: variant.map(str::to_string),
        label: label.into(),
        position: Pos { x: id as f32 * 250.0, y: 0.0 },
        internet_facing: false,
        data: Default::default(),
        notes: String::new(),
        boundary: None,
        source: None,
    }
}

fn base() -> Project {
    Project {
        name: "Shop".into(),
        boundaries: vec![
            Boundary {
                id: BoundaryId(1),
                kind: "vpc".into(),
                label: "Shop VPC".into(),
                parent: None,
                rect: Rect { x: -50.0, y: -50.0, w: 1200.0, h: 400.0 },
                source: None,
            },
            Boundary {
                id: BoundaryId(2),
                kind: "public-subnet".into(),
                label: "Public a".into(),
                parent: Some(BoundaryId(1)),
                rect: Rect { x: -40.0, y: -40.0, w: 300.0, h: 200.0 },
                source: None,
            },
            Boundary {
                id: BoundaryId(3),
                kind: "private-subnet".into(),
                label: "Private a".into(),
                parent: Some(BoundaryId(1)),
                rect: Rect { x: 400.0, y: -40.0, w: 600.0, h: 200.0 },
                source: None,
            },
        ],
        components: vec![
            Component {
                boundary: Some(BoundaryId(2)),
                internet_facing: true,
                ..comp(1, "elb", None, "Front door")
            },
            Component { boundary: Some(BoundaryId(3)), ..comp(2, "ec2", None, "App") },
            Component { boundary: Some(BoundaryId(3)), ..comp(3, "rds", Some("rds"), "Orders") },
        ],
        connections: vec![
            Connection { from: ComponentId(1), to: ComponentId(2), label: "HTTPS".into(), encrypted: true },
            Connection { from: ComponentId(2), to: ComponentId(3), label: "SQL".into(), encrypted: true },
        ],
        ..Project::default()
    }
}

#[test]
fn ec2_to_fargate_moves_the_guest_os_to_aws_and_swaps_duties() {
    let old = base();
    let mut new = base();
    new.components[1].service = "ecs".into();
    new.components[1].variant = Some("fargate".into());
    let d = diff(Catalog::builtin(), &old, &new);
    assert_eq!(d.components.changed.len(), 1);
    let ch = &d.components.changed[0];
    assert_eq!(ch.service, ["ec2".to_string(), "ecs".to_string()]);
    assert_eq!(ch.variant[1].as_deref(), Some("fargate"));
    let guest = ch.layers.iter().find(|m| m.layer == Layer::GuestOs).expect("the guest OS moves");
    assert_eq!((guest.from, guest.to), (Owner::Customer, Owner::Aws));
    assert!(d.todos.added.iter().any(|t| t.id.starts_with("ecs.")));
    assert!(d.todos.removed.iter().any(|t| t.id == "ec2.require-imdsv2"));
    assert!(d.summary.customer_layers[1] < d.summary.customer_layers[0]);
    assert!(d.headline().contains("move to AWS"), "{}", d.headline());
    let md = d.to_markdown();
    assert!(md.starts_with("### Responsibility diff: "), "{md}");
    assert!(md.contains("guest-os: customer → aws"), "{md}");
}

#[test]
fn an_added_public_bucket_brings_its_duties() {
    let old = base();
    let mut new = base();
    new.components.push(Component { internet_facing: true, ..comp(4, "s3", None, "Public assets") });
    new.connections.push(Connection {
        from: ComponentId(2),
        to: ComponentId(4),
        label: "HTTP".into(),
        encrypted: false,
    });
    let d = diff(Catalog::builtin(), &old, &new);
    assert_eq!(d.components.added.len(), 1);
    assert_eq!(d.components.added[0].label, "Public assets");
    assert!(d.todos.added.iter().any(|t| t.id == "s3.block-public-access" && t.components == vec![4]));
    assert_eq!(d.connections.added.len(), 1);
    assert!(!d.connections.added[0].encrypted);
    assert!(d.components.changed.is_empty());
}

#[test]
fn a_database_moved_into_a_public_subnet_changes_its_boundary_and_duties() {
    let old = base();
    let mut new = base();
    new.components[2].boundary = Some(BoundaryId(2));
    let d = diff(Catalog::builtin(), &old, &new);
    let ch = &d.components.changed[0];
    let b = ch.attributes.iter().find(|a| a.name == "boundary").expect("the boundary changes");
    assert_eq!(b.from, "Private a (private-subnet)");
    assert_eq!(b.to, "Public a (public-subnet)");
    assert!(d.todos.added.iter().any(|t| t.id == "rds.keep-out-of-public-subnets"), "{:?}", d.todos.added);
}

#[test]
fn components_are_matched_by_source_when_ids_differ() {
    let mut old = base();
    old.components[2].source = Some("OrdersDb".into());
    let mut new = base();
    new.components[2].source = Some("OrdersDb".into());
    new.components[2].id = ComponentId(9);
    new.connections[1].to = ComponentId(9);
    let d = diff(Catalog::builtin(), &old, &new);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(d.headline(), "No change in who secures what");
}

#[test]
fn the_cli_reads_standard_input_and_fails_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old.ron"), dir.path().join("new.ron"));
    srm_planner::project::save_file(&a, &base()).unwrap();
    let mut new = base();
    new.components.push(Component { internet_facing: true, ..comp(4, "s3", None, "Public assets") });
    srm_planner::project::save_file(&b, &new).unwrap();
    let exe = env!("CARGO_BIN_EXE_srm-planner");
    let run = |args: &[&str], stdin: Option<&std::path::Path>| {
        let mut cmd = std::process::Command::new(exe);
        cmd.arg("diff").args(args);
        if let Some(p) = stdin {
            cmd.stdin(std::fs::File::open(p).unwrap());
        }
        cmd.output().unwrap()
    };
    let (sa, sb) = (a.to_str().unwrap(), b.to_str().unwrap());
    let o = run(&["-", sb, "--format", "json"], Some(&a));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["components"]["added"][0]["service"], "s3");
    for key in ["customer_layers", "todos", "critical_open"] {
        assert_eq!(v["summary"][key].as_array().map(Vec::len), Some(2), "{key}");
    }
    // The bucket brings critical duties (public access): new-critical trips.
    let o = run(&[sa, sb, "--fail-on", "new-critical"], None);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stderr).contains("new-critical"));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("### Responsibility diff"),
        "the diff is printed first"
    );
    let o = run(&[sa, sa, "--fail-on", "new-critical"], None);
    assert_eq!(o.status.code(), Some(0));
    let o = run(&["-", "-"], Some(&a));
    assert_eq!(o.status.code(), Some(1));
    let o = run(&[sa], None);
    assert_eq!(o.status.code(), Some(2));
}
