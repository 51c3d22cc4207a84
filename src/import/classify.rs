//! What each resource is, by the catalog alone: a boundary, a helper to fold, a service (with
//! its variant), or left out. Order: boundaries, helpers with conditions, services (a rule that
//! holds before a plain listing), other helpers, ignored types.

use super::model::Resource;
use super::props::all_hold;
use crate::catalog::Catalog;
use crate::catalog::iac::{BoundaryRule, HelperRule, any_type_matches};

/// What a resource is.
#[derive(Debug, Clone)]
pub enum Class<'c> {
    /// A boundary.
    Boundary(&'c BoundaryRule),
    /// Folded into what it serves.
    Helper(&'c HelperRule),
    /// A component of this service and variant.
    Service { service: String, variant: Option<String> },
    /// Left out, with why.
    Ignored(String),
    /// The catalog does not know the type.
    Unknown,
}

/// Classifies one resource.
pub fn classify<'c>(catalog: &'c Catalog, r: &Resource) -> Class<'c> {
    let iac = catalog.iac();
    if let Some(b) = iac.boundaries.iter().find(|b| any_type_matches(&b.types, &r.rtype)) {
        return Class::Boundary(b);
    }
    if let Some(h) = iac.helpers.iter().find(|h| {
        !h.when.is_empty() && any_type_matches(&h.types, &r.rtype) && all_hold(&r.props, &h.when, &[])
    }) {
        return Class::Helper(h);
    }
    let mut plain: Option<&crate::catalog::Service> = None;
    for svc in catalog.services_for_type(&r.rtype) {
        let rules: Vec<_> =
            svc.resource_rules.iter().filter(|x| any_type_matches(&x.types, &r.rtype)).collect();
        if rules.is_empty() {
            plain = plain.or(Some(svc));
            continue;
        }
        if let Some(rule) = rules.into_iter().find(|x| all_hold(&r.props, &x.when, &x.unless)) {
            let variant =
                rule.variant.clone().or_else(|| svc.has_variants().then(|| svc.variants[0].id.clone()));
            return Class::Service { service: svc.id.clone(), variant };
        }
    }
    if let Some(svc) = plain {
        let variant = svc.has_variants().then(|| svc.variants[0].id.clone());
        return Class::Service { service: svc.id.clone(), variant };
    }
    if let Some(h) = iac.helpers.iter().find(|h| h.when.is_empty() && any_type_matches(&h.types, &r.rtype)) {
        return Class::Helper(h);
    }
    if let Some(i) = iac.ignored.iter().find(|i| any_type_matches(&i.types, &r.rtype)) {
        return Class::Ignored(i.reason.clone());
    }
    Class::Unknown
}
