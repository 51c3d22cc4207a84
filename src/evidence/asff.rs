//! AWS Security Hub findings in ASFF (`aws securityhub get-findings`: `{"Findings": [...]}`, or a
//! bare list). The control is `Compliance.SecurityControlId` (consolidated control findings),
//! the result `Compliance.Status`, the resources `Resources[].Id`; archived findings
//! (`RecordState: ARCHIVED`) are left out and suppressed ones (`Workflow.Status: SUPPRESSED`)
//! count as accepted.

use super::{Raw, Status};
use serde_json::Value;

/// One finding.
pub fn finding(v: &Value) -> Vec<Result<Raw, &'static str>> {
    if v.get("RecordState").and_then(Value::as_str) == Some("ARCHIVED") {
        return vec![Err("archived")];
    }
    let compliance = v.get("Compliance");
    let control = compliance
        .and_then(|c| c.get("SecurityControlId"))
        .and_then(Value::as_str)
        .or_else(|| v.get("ProductFields").and_then(|p| p.get("ControlId")).and_then(Value::as_str))
        .or_else(|| {
            v.get("GeneratorId")
                .and_then(Value::as_str)
                .and_then(|g| g.rsplit_once("security-control/").map(|(_, id)| id))
        });
    let Some(control) = control else {
        return vec![Err("not a control finding (no Compliance.SecurityControlId)")];
    };
    let suppressed =
        v.get("Workflow").and_then(|w| w.get("Status")).and_then(Value::as_str) == Some("SUPPRESSED");
    let status = match compliance.and_then(|c| c.get("Status")).and_then(Value::as_str).unwrap_or("") {
        _ if suppressed => Status::Accepted,
        "PASSED" => Status::Passed,
        "FAILED" => Status::Failed,
        _ => return vec![Err("no pass or fail result (WARNING or NOT_AVAILABLE)")],
    };
    let resources = v.get("Resources").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if resources.is_empty() {
        return vec![Err("an ASFF finding without a resource")];
    }
    resources
        .iter()
        .map(|r| match r.get("Id").and_then(Value::as_str).filter(|s| !s.is_empty()) {
            Some(id) => {
                let name = id.rsplit([':', '/']).next().filter(|n| !n.is_empty()).map(str::to_string);
                Ok(Raw { check: control.to_string(), status, resource: id.to_string(), name })
            }
            None => Err("an ASFF finding without a resource"),
        })
        .collect()
}
