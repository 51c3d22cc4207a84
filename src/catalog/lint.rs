//! The catalog lint: the rules every service, variant and to-do must follow (run by `cargo test`
//! on the built-in catalog and by `srm-planner catalog --lint` on user files).

use super::{Catalog, Service, Todo};
use crate::vocab::{AwsPart, Layer, Owner};
use std::collections::HashSet;
use std::fmt;

/// One broken rule: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintIssue {
    /// The service, to-do or framework concerned.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// The id of the to-do concerned, when it is one (to find it in the file).
    pub todo: Option<String>,
}

impl LintIssue {
    fn new(place: &str, message: String) -> Self {
        LintIssue { place: place.to_string(), message, todo: None }
    }

    fn todo(place: &str, t: &Todo, message: String) -> Self {
        LintIssue { place: format!("{place} to-do `{}`", t.id), message, todo: Some(t.id.clone()) }
    }
}

impl fmt::Display for LintIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Is `s` lowercase kebab-case (`a-z`, `0-9`, single dashes, no dash at either end)?
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Is `s` a well-formed Security Hub control id (`EC2.8`, `S3.1`, `NetworkFirewall.10`)?
pub fn is_control_id(s: &str) -> bool {
    let Some((svc, num)) = s.split_once('.') else { return false };
    !svc.is_empty()
        && svc.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && svc.chars().all(|c| c.is_ascii_alphanumeric())
        && !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit())
        && !num.starts_with('0')
}

/// Is `s` a Checkov AWS check id (`CKV_AWS_19`, `CKV2_AWS_6`)?
pub fn is_checkov_id(s: &str) -> bool {
    let num = s.strip_prefix("CKV_AWS_").or_else(|| s.strip_prefix("CKV2_AWS_"));
    num.is_some_and(|n| !n.is_empty() && !n.starts_with('0') && n.chars().all(|c| c.is_ascii_digit()))
}

/// Is `url` an https address on an AWS-owned domain?
pub fn is_aws_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    ["aws.amazon.com", "amazonaws.cn", "amazon.com", "awsstatic.com", "github.com/awsdocs"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        || rest.starts_with("github.com/awsdocs/")
}

/// Checks the whole catalog; an empty result means it passes.
pub fn lint(cat: &Catalog) -> Vec<LintIssue> {
    let mut issues = Vec::new();
    for svc in cat.services() {
        issues.extend(service_issues(svc));
    }
    for t in cat.account_todos() {
        issues.extend(todo_issues("account", t, "account"));
    }
    for t in cat.architecture_todos() {
        issues.extend(todo_issues("architecture", t, "architecture"));
    }
    // Every to-do id is used once in the whole catalog (progress is saved by id).
    let mut todo_ids = HashSet::new();
    let all = cat
        .services()
        .iter()
        .flat_map(|s| s.todos.iter().map(move |t| (format!("service `{}`", s.id), t)))
        .chain(cat.account_todos().iter().map(|t| ("account".to_string(), t)))
        .chain(cat.architecture_todos().iter().map(|t| ("architecture".to_string(), t)))
        .chain(
            cat.frameworks()
                .iter()
                .flat_map(|f| f.todos.iter().map(move |t| (format!("framework `{}`", f.id), t))),
        );
    for (place, t) in all {
        if !todo_ids.insert(t.id.as_str()) {
            issues.push(LintIssue::todo(&place, t, "to-do id is used twice".into()));
        }
    }
    if !cat.architecture_todos().is_empty()
        && (cat.architecture_sources().is_empty()
            || !cat.architecture_sources().iter().all(|s| is_aws_url(s)))
    {
        issues.push(LintIssue::new("architecture", "needs at least one source, all on AWS domains".into()));
    }
    for fw in cat.frameworks() {
        let place = format!("framework `{}`", fw.id);
        if fw.sources.is_empty() || !fw.sources.iter().all(|s| is_aws_url(s)) {
            issues.push(LintIssue::new(&place, "needs at least one source, all on AWS domains".into()));
        }
        for t in &fw.todos {
            issues.extend(todo_issues(&place, t, fw.id.id()));
        }
        for id in fw.in_scope.iter().flatten() {
            if cat.service(id).is_none() {
                issues.push(LintIssue::new(&place, format!("in-scope list names unknown service `{id}`")));
            }
        }
    }
    issues.extend(iac_issues(cat));
    issues.extend(super::lint_compliance::issues(cat));
    for role in cat.roles() {
        for m in &role.members {
            let (s, v) = m.split_once('/').map_or((m.as_str(), None), |(s, v)| (s, Some(v)));
            let known =
                cat.service(s).is_some_and(|svc| v.is_none_or(|v| svc.variants.iter().any(|x| x.id == v)));
            if !known {
                issues.push(LintIssue::new(
                    &format!("role `{}`", role.name),
                    format!("member `{m}` is not a service (or variant) of the catalog"),
                ));
            }
        }
    }
    issues
}

/// The rules of the `iac` section: known boundary kinds, services and variants that exist,
/// https sources, and no type that is both a service's and a helper's without a condition.
fn iac_issues(cat: &Catalog) -> Vec<LintIssue> {
    let iac = cat.iac();
    let mut out = Vec::new();
    let mut push = |m: String| out.push(LintIssue::new("iac", m));
    if !iac.boundaries.is_empty() && iac.sources.is_empty() {
        push("lists no source".into());
    }
    for s in &iac.sources {
        if !s.starts_with("https://") {
            push(format!("source `{s}` is not an https page"));
        }
    }
    for b in &iac.boundaries {
        for k in std::iter::once(&b.kind).chain(&b.public_kind) {
            if k.parse::<crate::vocab::BoundaryKind>().is_err() {
                push(format!("boundary kind `{k}` is not one of the boundary kinds"));
            }
        }
    }
    for h in &iac.helpers {
        if let Some(svc) = &h.otherwise
            && cat.service(svc).is_none()
        {
            push(format!("helper for {:?} becomes unknown service `{svc}`", h.types));
        }
        if let Some(v) = &h.sets_variant
            && !cat.services().iter().any(|s| s.variants.iter().any(|x| &x.id == v))
        {
            push(format!("helper for {:?} sets variant `{v}`, which no service has", h.types));
        }
        if h.when.is_empty() {
            for t in &h.types {
                if let Some(svc) = cat.services_for_type(t).next() {
                    push(format!(
                        "`{t}` is a helper and a type of service `{}`: the service always wins",
                        svc.id
                    ));
                }
            }
        }
    }
    out
}

/// The rules one to-do must follow (its id `prefix.<kebab-slug>`, well-formed control ids, a
/// title and a detail); `place` says whose it is. Uniqueness is checked across the catalog.
pub(crate) fn todo_issues(place: &str, t: &Todo, prefix: &str) -> Vec<LintIssue> {
    let mut out = Vec::new();
    match t.id.split_once('.') {
        Some((p, slug)) if p == prefix && is_kebab(slug) => {}
        _ => out.push(LintIssue::todo(place, t, format!("to-do id must be `{prefix}.<kebab-slug>`"))),
    }
    for c in t.all_controls() {
        if !is_control_id(c) {
            out.push(LintIssue::todo(place, t, format!("control id `{c}` is not of the form `Service.N`")));
        }
    }
    for field in [&t.title, &t.detail] {
        if field.trim().is_empty() {
            out.push(LintIssue::todo(place, t, "title and detail must not be empty".into()));
        }
    }
    for c in &t.checkov {
        if !is_checkov_id(c) {
            out.push(LintIssue::todo(
                place,
                t,
                format!("`{c}` is not a Checkov check id (CKV_AWS_<n> or CKV2_AWS_<n>)"),
            ));
        }
    }
    out
}

/// The rules one service must follow, on its own: ids, sources, variants, to-dos and layers.
/// The lint runs them on every service; loading a user catalog runs them on each of its
/// services and refuses one that breaks any.
pub(crate) fn service_issues(svc: &Service) -> Vec<LintIssue> {
    let mut issues = Vec::new();
    let place = format!("service `{}`", svc.id);
    let mut push = |message: String| issues.push(LintIssue::new(&place, message));
    if !is_kebab(&svc.id) {
        push("id must be lowercase kebab-case".into());
    }
    if svc.sources.is_empty() {
        push("lists no source".into());
    }
    for s in &svc.sources {
        if !is_aws_url(s) {
            push(format!("source `{s}` is not an https page on an AWS domain"));
        }
    }
    if svc.variants.is_empty() {
        push("has no variant".into());
    }
    let mut vids = HashSet::new();
    for v in &svc.variants {
        if !vids.insert(&v.id) || !is_kebab(&v.id) {
            push(format!("variant id `{}` is duplicated or not kebab-case", v.id));
        }
    }
    for rule in &svc.resource_rules {
        for t in &rule.types {
            if !svc.resource_types.contains(t) {
                push(format!("resource rule for `{t}`, which is not in its resource_types"));
            }
        }
        if let Some(v) = &rule.variant
            && !svc.variants.iter().any(|x| &x.id == v)
        {
            push(format!("resource rule picks variant `{v}`, which the service does not have"));
        }
        for test in &rule.when {
            if test.path.trim().is_empty() {
                push("resource rule has a test with an empty path".into());
            }
        }
    }
    for t in &svc.resource_types {
        if t.trim().is_empty() || t.chars().any(char::is_whitespace) {
            push(format!("resource type `{t}` is empty or holds spaces"));
        }
    }
    for t in &svc.todos {
        issues.extend(todo_issues(&place, t, &svc.id));
        for v in &t.variants {
            if !svc.variants.iter().any(|x| &x.id == v) {
                issues.push(LintIssue::todo(&place, t, format!("names unknown variant `{v}`")));
            }
        }
    }
    lint_layers(svc, &mut |place: &str, message: String| issues.push(LintIssue::new(place, message)));
    issues
}

fn lint_layers(svc: &Service, push: &mut dyn FnMut(&str, String)) {
    for v in &svc.variants {
        let place = format!("service `{}` variant `{}`", svc.id, v.id);
        for e in v.layers.entries() {
            let infra = matches!(
                e.layer,
                Layer::Facilities | Layer::Hardware | Layer::Virtualization | Layer::HostOs
            );
            if infra && e.owner != Owner::Aws && !v.customer_site {
                push(
                    &place,
                    format!(
                        "layer `{}` must be owned by AWS (unless the variant says `customer_site: true`)",
                        e.layer
                    ),
                );
            }
            if e.note.trim().is_empty() {
                push(&place, format!("layer `{}` has no note", e.layer));
            }
            let needs_todo = e.owner == Owner::Customer
                || (e.owner == Owner::Shared && e.aws_part == Some(AwsPart::OptIn));
            let covered =
                svc.todos.iter().any(|t| t.applies_to_variant(&v.id) && t.layers.contains(&e.layer));
            if needs_todo && !covered {
                push(&place, format!("{} layer `{}` is covered by no to-do", e.owner, e.layer));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_forms() {
        assert!(is_kebab("api-gateway"));
        assert!(!is_kebab("Api_Gateway"));
        assert!(!is_kebab("a--b"));
        assert!(is_control_id("EC2.8"));
        assert!(is_control_id("NetworkFirewall.10"));
        assert!(!is_control_id("ec2.8"));
        assert!(!is_control_id("EC2."));
        assert!(!is_control_id("EC2.08"));
        assert!(is_aws_url("https://docs.aws.amazon.com/x"));
        assert!(!is_aws_url("https://evil-aws.amazon.com.example.org/x"));
        assert!(!is_aws_url("http://docs.aws.amazon.com/x"));
    }
}
