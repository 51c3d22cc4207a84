//! Checkov JSON (`checkov -o json`): one report, or a list of reports (one per framework), each
//! with `results.passed_checks`, `failed_checks` and `skipped_checks`. A check names the resource
//! as a Terraform address (`resource_address` in a plan scan, else `resource`) or as
//! `AWS::S3::Bucket.LogicalId` for CloudFormation.

use super::{Raw, Status};
use serde_json::Value;

/// Is the check an AWS one (`CKV_AWS_*`, `CKV2_AWS_*`)?
fn is_aws(id: &str) -> bool {
    id.starts_with("CKV_AWS_") || id.starts_with("CKV2_AWS_")
}

/// The resource as our projects name it: the address, or the logical id of a CloudFormation
/// resource (`AWS::S3::Bucket.Logs` → `Logs`).
fn resource_of(v: &Value) -> Option<String> {
    let address = v.get("resource_address").and_then(Value::as_str).filter(|s| !s.is_empty());
    let resource = v.get("resource").and_then(Value::as_str)?;
    if let Some(a) = address {
        return Some(a.to_string());
    }
    if resource.starts_with("AWS::") {
        return resource.rsplit_once('.').map(|(_, id)| id.to_string());
    }
    Some(resource.to_string())
}

/// One check of a report's results.
pub fn check(v: &Value, status: Status) -> Vec<Result<Raw, &'static str>> {
    let Some(id) = v.get("check_id").and_then(Value::as_str) else {
        return vec![Err("a Checkov check without check_id")];
    };
    if !is_aws(id) {
        return vec![Err("not an AWS check (other cloud or framework)")];
    }
    let Some(resource) = resource_of(v) else { return vec![Err("a Checkov check without a resource")] };
    let name = resource.rsplit('.').next().map(str::to_string);
    vec![Ok(Raw { check: id.to_string(), status, resource, name })]
}

/// A whole report (an element of a list of reports).
pub fn report(v: &Value) -> Vec<Result<Raw, &'static str>> {
    let mut out = Vec::new();
    let Some(results) = v.get("results") else { return out };
    for (key, status) in [
        ("passed_checks", Status::Passed),
        ("failed_checks", Status::Failed),
        ("skipped_checks", Status::Accepted),
    ] {
        for c in results.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.extend(check(c, status));
        }
    }
    out
}
