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
    let mut push =
        |place: &str, message: String| issues.push(LintIssue { place: place.to_string(), message });
    let mut todo_ids = HashSet::new();
    let mut check_todo = |place: &str, t: &Todo, prefix: &str, push: &mut dyn FnMut(&str, String)| {
        let here = format!("{place} to-do `{}`", t.id);
        if !todo_ids.insert(t.id.clone()) {
            push(&here, "to-do id is used twice".into());
        }
        match t.id.split_once('.') {
            Some((p, slug)) if p == prefix && is_kebab(slug) => {}
            _ => push(&here, format!("to-do id must be `{prefix}.<kebab-slug>`")),
        }
        for c in t.all_controls() {
            if !is_control_id(c) {
                push(&here, format!("control id `{c}` is not of the form `Service.N`"));
            }
        }
        for field in [&t.title, &t.detail] {
            if field.trim().is_empty() {
                push(&here, "title and detail must not be empty".into());
            }
        }
    };

    for svc in cat.services() {
        let place = format!("service `{}`", svc.id);
        if !is_kebab(&svc.id) {
            push(&place, "id must be lowercase kebab-case".into());
        }
        if svc.sources.is_empty() {
            push(&place, "lists no source".into());
        }
        for s in &svc.sources {
            if !is_aws_url(s) {
                push(&place, format!("source `{s}` is not an https page on an AWS domain"));
            }
        }
        if svc.variants.is_empty() {
            push(&place, "has no variant".into());
        }
        let mut vids = HashSet::new();
        for v in &svc.variants {
            if !vids.insert(&v.id) || !is_kebab(&v.id) {
                push(&place, format!("variant id `{}` is duplicated or not kebab-case", v.id));
            }
        }
        for t in &svc.todos {
            check_todo(&place, t, &svc.id, &mut push);
            for v in &t.variants {
                if !svc.variants.iter().any(|x| &x.id == v) {
                    push(&place, format!("to-do `{}` names unknown variant `{v}`", t.id));
                }
            }
        }
        lint_layers(svc, &mut push);
    }
    for t in cat.account_todos() {
        check_todo("account", t, "account", &mut push);
    }
    for t in cat.architecture_todos() {
        check_todo("architecture", t, "architecture", &mut push);
    }
    if !cat.architecture_todos().is_empty()
        && (cat.architecture_sources().is_empty()
            || !cat.architecture_sources().iter().all(|s| is_aws_url(s)))
    {
        push("architecture", "needs at least one source, all on AWS domains".into());
    }
    for fw in cat.frameworks() {
        let place = format!("framework `{}`", fw.id);
        if fw.sources.is_empty() || !fw.sources.iter().all(|s| is_aws_url(s)) {
            push(&place, "needs at least one source, all on AWS domains".into());
        }
        for t in &fw.todos {
            check_todo(&place, t, fw.id.id(), &mut push);
        }
        for id in fw.in_scope.iter().flatten() {
            if cat.service(id).is_none() {
                push(&place, format!("in-scope list names unknown service `{id}`"));
            }
        }
    }
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
            if infra && e.owner != Owner::Aws {
                push(&place, format!("layer `{}` must be owned by AWS", e.layer));
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
