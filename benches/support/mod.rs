//! Synthetic architectures shared by the benches.

use srm_planner::catalog::Catalog;
use srm_planner::project::{Component, ComponentId, Pos};
use srm_planner::vocab::DataClass;

/// `n` components cycling through every catalog service (and its variants), on a grid of `cols`
/// columns spaced `(dx, dy)` apart; every `internet_every`-th one is internet-facing, and the
/// four data classes take turns.
pub fn components(
    n: usize,
    cols: usize,
    (dx, dy): (f32, f32),
    internet_every: usize,
    catalog: &Catalog,
) -> Vec<Component> {
    let services = catalog.services();
    let classes = [DataClass::Public, DataClass::Internal, DataClass::Confidential, DataClass::Regulated];
    (0..n)
        .map(|i| {
            let svc = &services[i % services.len()];
            let variant = svc.has_variants().then(|| svc.variants[i % svc.variants.len()].id.clone());
            Component {
                id: ComponentId(i as u64 + 1),
                service: svc.id.clone(),
                variant,
                label: format!("{} {i}", svc.short),
                position: Pos { x: (i % cols) as f32 * dx, y: (i / cols) as f32 * dy },
                internet_facing: i % internet_every == 0,
                data: classes[i % 4],
                notes: String::new(),
                boundary: None,
                source: None,
            }
        })
        .collect()
}

/// 200 nested boundaries over a grid of `cols` × `rows` cells spaced `(dx, dy)` apart (the grid
/// of [`components`]): 5 accounts side by side, each holding 5 VPCs stacked, each VPC two
/// Availability Zones, each zone a public and a private subnet; and 20 empty on-premises boxes
/// to the right. Needs `cols` a multiple of 40 and `rows` a multiple of 5.
#[allow(dead_code)] // used by the frame bench, not the core one
pub fn boundaries(cols: usize, rows: usize, (dx, dy): (f32, f32)) -> Vec<srm_planner::project::Boundary> {
    use srm_planner::project::{Boundary, BoundaryId, Rect};
    let mut out = Vec::new();
    let mut next = 1u64;
    let mut push = |out: &mut Vec<Boundary>,
                    kind: &str,
                    parent: Option<BoundaryId>,
                    c0: usize,
                    c1: usize,
                    r0: usize,
                    r1: usize,
                    inset: f32| {
        let id = BoundaryId(next);
        next += 1;
        out.push(Boundary {
            id,
            kind: kind.into(),
            label: format!("{kind} {}", id.0),
            parent,
            rect: Rect {
                x: c0 as f32 * dx - dx / 2.0 + inset,
                y: r0 as f32 * dy - dy / 2.0 + inset,
                w: (c1 - c0) as f32 * dx - 2.0 * inset,
                h: (r1 - r0) as f32 * dy - 2.0 * inset,
            },
            source: None,
        });
        id
    };
    let (acc_w, vpc_h) = (cols / 5, rows / 5);
    for a in 0..5 {
        let acc = push(&mut out, "account", None, a * acc_w, (a + 1) * acc_w, 0, rows, 2.0);
        for v in 0..5 {
            let (r0, r1) = (v * vpc_h, (v + 1) * vpc_h);
            let vpc = push(&mut out, "vpc", Some(acc), a * acc_w, (a + 1) * acc_w, r0, r1, 6.0);
            for z in 0..2 {
                let c0 = a * acc_w + z * acc_w / 2;
                let az = push(&mut out, "availability-zone", Some(vpc), c0, c0 + acc_w / 2, r0, r1, 10.0);
                let half = acc_w / 4;
                push(&mut out, "public-subnet", Some(az), c0, c0 + half, r0, r1, 14.0);
                push(&mut out, "private-subnet", Some(az), c0 + half, c0 + 2 * half, r0, r1, 14.0);
            }
        }
    }
    for k in 0..20 {
        push(&mut out, "on-premises", None, cols + 1, cols + 3, k, k + 1, 4.0);
    }
    out
}

/// `n` components ([`components`] on a 100-column grid) with two connections each: to the next
/// one (HTTPS, encrypted) and to one further on (TCP, every third unencrypted).
#[allow(dead_code)] // used by the core and memory benches
pub fn synthetic(n: usize, catalog: &Catalog) -> srm_planner::project::Project {
    use srm_planner::project::{Connection, Project};
    let components = components(n, 100, (200.0, 120.0), 7, catalog);
    let connections = (0..n)
        .flat_map(|i| {
            let a = ComponentId(i as u64 + 1);
            [
                Connection {
                    from: a,
                    to: ComponentId(((i + 1) % n) as u64 + 1),
                    label: "HTTPS".into(),
                    encrypted: true,
                },
                Connection {
                    from: a,
                    to: ComponentId(((i * 7 + 3) % n) as u64 + 1),
                    label: "TCP".into(),
                    encrypted: i % 3 != 0,
                },
            ]
        })
        .collect();
    Project { name: format!("Synthetic {n}"), components, connections, ..Project::default() }
}
