/// Every way a call to amoCRM can fail, in terms the card can explain.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AmoError {
    #[error("the entity does not exist or was deleted")]
    NotFound,
    #[error("amoCRM refused access (403)")]
    NoAccess,
    #[error("customers are disabled in this account")]
    CustomersDisabled,
    /// amoCRM's 402 outside the customers endpoints: the account is not paid.
    #[error("the amoCRM account's subscription has ended (402)")]
    AccountUnpaid,
    #[error("the account has no usable grant; the integration must be reinstalled")]
    NeedsReinstall,
    #[error("the account never installed the integration")]
    NotInstalled,
    #[error("amoCRM rate limit hit")]
    RateLimited,
    #[error("amoCRM is unavailable")]
    Unavailable,
    #[error("amoCRM sent a response we cannot read")]
    BadResponse,
    #[error("amoCRM rejected the request: {0}")]
    Rejected(String),
    /// A write timed out: it may or may not have been applied.
    #[error("the write may not have been saved")]
    WriteUncertain,
    #[error("our token store is unavailable")]
    Store,
    /// amoCRM refused the integration's own settings at its token endpoint.
    #[error("amoCRM refused the integration's client settings; check the configuration")]
    ClientRefused,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// amoCRM says the code or refresh token is no good (used, revoked, expired).
    #[error("amoCRM rejected the grant ({status}): {hint}")]
    Rejected { status: u16, hint: String },
    /// amoCRM refused the integration itself (client id, secret or
    /// redirect URI): our configuration, not the account's grant.
    #[error("amoCRM refused the integration's client settings")]
    ClientRefused,
    #[error("amoCRM's token endpoint is unavailable")]
    Unavailable,
    #[error("amoCRM's token endpoint timed out")]
    Timeout,
    #[error("amoCRM's token endpoint answered something unreadable")]
    BadResponse,
}
