//! Where webhooks may go: `https` to a public address only, so a shop cannot make Rebound call
//! its own network (loopback, private ranges, link-local, cloud metadata). Checked when an
//! endpoint is saved and again at each send after DNS resolution, and the connection is made to
//! the checked address, so a name that re-resolves to an inside address (DNS rebinding) is
//! refused instead of followed. `REBOUND_WEBHOOKS_ALLOW_PRIVATE=1` lifts all of it (and allows
//! `http`) for development and tests.

use reqwest::Url;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Why a URL may not receive webhooks; the message is shown to staff.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("use a full https:// URL")]
    NotHttps,
    #[error("the URL has no host")]
    NoHost,
    #[error("{0} is not a public address")]
    Private(IpAddr),
    #[error("the host does not resolve: {0}")]
    Unresolved(String),
}

/// Whether `ip` is on the public internet: not loopback, private, link-local (which holds the
/// cloud metadata address 169.254.169.254), shared, reserved, multicast or unspecified.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return public_v4(v4);
            }
            public_v6(v6)
        }
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0
        // Shared address space (carrier NAT; also Alibaba Cloud's metadata 100.100.100.200).
        || (a == 100 && (64..128).contains(&b))
        // IETF protocol assignments, benchmarking, reserved.
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    // NAT64 (64:ff9b::/96) reaches an IPv4 address: judge that one.
    if ip.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        let [.., a, b, c, d] = ip.octets();
        return public_v4(Ipv4Addr::new(a, b, c, d));
    }
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        // Documentation (2001:db8::/32) and the deprecated site-local range.
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        || (first & 0xffc0) == 0xfec0)
}

/// The URL's scheme and, when its host is an address, that address (a name is checked by
/// `resolve`). What saving an endpoint runs.
pub fn check_url(raw: &str, allow_private: bool) -> Result<Url, Refused> {
    let url = Url::parse(raw).map_err(|_| Refused::NotHttps)?;
    match url.scheme() {
        "https" => {}
        "http" if allow_private => {}
        _ => return Err(Refused::NotHttps),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Refused::NotHttps);
    }
    let host = url.host().ok_or(Refused::NoHost)?;
    if !allow_private {
        let literal = match host {
            url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
            url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
            url::Host::Domain(d) => d.parse::<IpAddr>().ok(),
        };
        if let Some(ip) = literal.filter(|ip| !is_public(*ip)) {
            return Err(Refused::Private(ip));
        }
        if let url::Host::Domain(d) = host
            && (d.eq_ignore_ascii_case("localhost")
                || d.to_ascii_lowercase().ends_with(".localhost"))
        {
            return Err(Refused::Private(IpAddr::V4(Ipv4Addr::LOCALHOST)));
        }
    }
    Ok(url)
}

/// Resolves the URL's host and returns the address to connect to: every address the name has
/// must be public (one inside address is enough to refuse), unless private ones are allowed.
pub async fn resolve(url: &Url, allow_private: bool) -> Result<SocketAddr, Refused> {
    let host = url.host_str().ok_or(Refused::NoHost)?;
    let port = url.port_or_known_default().ok_or(Refused::NoHost)?;
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<SocketAddr> = match bare.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => tokio::net::lookup_host((bare, port))
            .await
            .map_err(|e| Refused::Unresolved(e.to_string()))?
            .collect(),
    };
    if !allow_private && let Some(bad) = addresses.iter().find(|a| !is_public(a.ip())) {
        return Err(Refused::Private(bad.ip()));
    }
    addresses
        .into_iter()
        .next()
        .ok_or_else(|| Refused::Unresolved(host.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_addresses_are_not_public() {
        for inside in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            let ip: IpAddr = inside.parse().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
            assert!(!is_public(ip), "{inside}");
        }
        for outside in ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"] {
            let ip: IpAddr = outside.parse().unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
            assert!(is_public(ip), "{outside}");
        }
    }

    #[test]
    fn urls_must_be_https_to_a_public_host_unless_allowed() {
        assert!(check_url("https://hooks.example.com/x", false).is_ok());
        assert_eq!(
            check_url("http://hooks.example.com/x", false).err(),
            Some(Refused::NotHttps)
        );
        assert!(matches!(
            check_url("https://127.0.0.1:8443/x", false),
            Err(Refused::Private(_))
        ));
        assert!(matches!(
            check_url("https://[::1]/x", false),
            Err(Refused::Private(_))
        ));
        assert!(matches!(
            check_url("https://localhost/x", false),
            Err(Refused::Private(_))
        ));
        assert!(check_url("http://127.0.0.1:9/x", true).is_ok());
        assert_eq!(
            check_url("ftp://example.com", true).err(),
            Some(Refused::NotHttps)
        );
    }

    #[tokio::test]
    async fn a_name_resolving_inside_is_refused_at_send_time() {
        let url = Url::parse("https://localhost:8443/x").unwrap_or_else(|_| unreachable!());
        assert!(matches!(
            resolve(&url, false).await,
            Err(Refused::Private(_))
        ));
        let allowed = resolve(&url, true).await;
        assert!(allowed.is_ok_and(|a| a.ip().is_loopback() && a.port() == 8443));
    }
}
