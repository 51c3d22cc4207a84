//! Prowler JSON-OCSF (`prowler aws -M json-ocsf`): a list of OCSF Detection Findings. The check
//! is `metadata.event_code`, the result `status_code` (`PASS`, `FAIL`, `MANUAL`), a muted finding
//! has `status: "Suppressed"`, the resource is `resources[].uid` (an ARN) and `name`, the cloud
//! `cloud.provider`.

use super::{Raw, Status};
use serde_json::Value;

/// One finding.
pub fn finding(v: &Value) -> Vec<Result<Raw, &'static str>> {
    let provider = v.get("cloud").and_then(|c| c.get("provider")).and_then(Value::as_str).unwrap_or("aws");
    if !provider.eq_ignore_ascii_case("aws") {
        return vec![Err("other cloud")];
    }
    let Some(check) = v.get("metadata").and_then(|m| m.get("event_code")).and_then(Value::as_str) else {
        return vec![Err("an OCSF finding without metadata.event_code")];
    };
    let muted = v.get("status").and_then(Value::as_str).is_some_and(|s| s.eq_ignore_ascii_case("suppressed"));
    let status = match v.get("status_code").and_then(Value::as_str).unwrap_or("") {
        _ if muted => Status::Accepted,
        "PASS" => Status::Passed,
        "FAIL" => Status::Failed,
        _ => return vec![Err("no pass or fail result (manual check)")],
    };
    let resources = v.get("resources").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if resources.is_empty() {
        return vec![Err("an OCSF finding without a resource")];
    }
    resources
        .iter()
        .map(|r| {
            let uid = r.get("uid").and_then(Value::as_str).filter(|s| !s.is_empty());
            let name = r.get("name").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
            match uid.map(str::to_string).or_else(|| name.clone()) {
                Some(resource) => Ok(Raw { check: check.to_string(), status, resource, name }),
                None => Err("an OCSF finding without a resource"),
            }
        })
        .collect()
}
