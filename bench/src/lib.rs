//! The baseline of the per-call benchmark (`benches/per_call.rs`): FuseSign's
//! `GET /api/Customer/Get` written by hand with reqwest + serde_json, as a
//! caller without a generated client would: URL, query, API-key header,
//! status check and a typed decode of the same fields the generated
//! `CustomerDto` has.

use serde::Deserialize;
use uuid::Uuid;

/// A customer, as `GET /api/Customer/Get` returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Customer {
    pub customer_id: Option<Uuid>,
    pub tenant_id: Option<Uuid>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub no_mobile: Option<bool>,
    pub meta: Option<String>,
    pub cannot_modify: Option<bool>,
    pub source: Option<String>,
    pub customer_edit_link: Option<String>,
    pub total_live_bundles_for_customer: Option<i32>,
    pub total_bundles_for_customer: Option<i32>,
    pub is_archived: Option<bool>,
    pub preferred_name: Option<String>,
}

/// What can go wrong with the hand-written call.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A hand-written FuseSign client: one reqwest client, a base URL and the API key.
#[derive(Debug, Clone)]
pub struct HandWritten {
    http: reqwest::Client,
    base_url: String,
    api_key: String,
}

impl HandWritten {
    pub fn new(base_url: &str, api_key: &str) -> Result<HandWritten, Error> {
        let http = reqwest::Client::builder().build()?;
        Ok(HandWritten { http, base_url: base_url.trim_end_matches('/').to_owned(), api_key: api_key.to_owned() })
    }

    /// `GET /api/Customer/Get?TenantId=…&CustomerId=…` with the `X-API-Token` header.
    pub async fn get_customer(&self, tenant: Uuid, customer: Uuid) -> Result<Customer, Error> {
        let response = self
            .http
            .get(format!("{}/api/Customer/Get", self.base_url))
            .query(&[("TenantId", tenant), ("CustomerId", customer)])
            .header("X-API-Token", &self.api_key)
            .send()
            .await?;
        let status = response.status();
        let body = response.bytes().await?;
        if !status.is_success() {
            return Err(format!("unexpected status {status}: {}", String::from_utf8_lossy(&body)).into());
        }
        Ok(serde_json::from_slice(&body)?)
    }
}
