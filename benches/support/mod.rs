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
