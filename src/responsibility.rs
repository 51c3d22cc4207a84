//! The responsibility engine: the 13-layer stack of every placed component, variant applied.

use crate::catalog::{Catalog, Service, Stack, Variant};
use crate::project::{Component, ComponentId, Project};
use crate::vocab::{Category, Layer, Owner};

/// A component's resolved service, variant and stack.
#[derive(Debug, Clone, Copy)]
pub struct ComponentStack<'a> {
    /// The component.
    pub component: &'a Component,
    /// Its catalog service.
    pub service: &'a Service,
    /// The variant in force (the default when the component names none or an unknown one).
    pub variant: &'a Variant,
}

impl<'a> ComponentStack<'a> {
    /// The 13 layers.
    pub fn stack(&self) -> &'a Stack {
        &self.variant.layers
    }

    /// The owner of one layer.
    pub fn owner(&self, layer: Layer) -> Owner {
        self.variant.layers.get(layer).owner
    }

    /// The category in force.
    pub fn category(&self) -> Category {
        self.service.category_of(self.variant)
    }

    /// The variant id to report: `None` when the service has no variants.
    pub fn variant_id(&self) -> Option<&'a str> {
        self.service.has_variants().then_some(self.variant.id.as_str())
    }
}

/// Resolves one component; `None` when the catalog does not know its service.
pub fn resolve<'a>(catalog: &'a Catalog, component: &'a Component) -> Option<ComponentStack<'a>> {
    let service = catalog.service(&component.service)?;
    let variant = service.variant(component.variant.as_deref()).or_else(|| service.variant(None))?;
    Some(ComponentStack { component, service, variant })
}

/// The catalog service id a boundary kind stands for: a `vpc` box is an Amazon VPC.
pub const VPC_SERVICE: &str = "vpc";

/// The stack of a VPC boundary (the `vpc` service's default variant); `None` when the catalog
/// has no `vpc` service.
pub fn resolve_boundary(catalog: &Catalog) -> Option<(&Service, &Variant)> {
    let service = catalog.service(VPC_SERVICE)?;
    Some((service, service.variant(None)?))
}

/// The VPC boundaries of a project with their stack, in project order.
pub fn boundary_stacks<'a>(
    catalog: &'a Catalog,
    project: &'a Project,
) -> Vec<crate::export::BoundaryStack<'a>> {
    project
        .boundaries
        .iter()
        .filter(|b| b.kind() == Some(crate::vocab::BoundaryKind::Vpc))
        .map(|b| (b, resolve_boundary(catalog)))
        .collect()
}

/// Every component's stack, in project order; unknown services give `None`.
pub fn stacks<'a>(
    catalog: &'a Catalog,
    project: &'a Project,
) -> Vec<(ComponentId, Option<ComponentStack<'a>>)> {
    project.components.iter().map(|c| (c.id, resolve(catalog, c))).collect()
}
