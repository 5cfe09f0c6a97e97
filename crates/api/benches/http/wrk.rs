//! Load from wrk, a separate process (Debian's `wrk`): an in-process client would spend the
//! same two cores as the server it measures. Each load is a Lua script that rotates through
//! prepared requests, so writes can use many orders and a fresh `Idempotency-Key` each time.

use std::fmt::Write as _;
use std::process::Command;
use std::time::Duration;

/// One request wrk sends; `{seq}` in a header value becomes a per-request unique number.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

impl Request {
    pub fn get(path: impl Into<String>) -> Request {
        Request {
            method: "GET",
            path: path.into(),
            headers: Vec::new(),
            body: None,
        }
    }

    pub fn json(
        method: &'static str,
        path: impl Into<String>,
        body: &serde_json::Value,
    ) -> Request {
        Request {
            method,
            path: path.into(),
            headers: vec![("Content-Type", "application/json".into())],
            body: Some(body.to_string()),
        }
    }

    pub fn bearer(mut self, token: &str) -> Request {
        self.headers
            .push(("Authorization", format!("Bearer {token}")));
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Request {
        self.headers.push((name, value.into()));
        self
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Figures {
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// Runs wrk against `base` for `duration` with `connections`, rotating through `requests`.
/// Panics on any non-2xx/3xx answer: a benchmark of refusals measures nothing.
pub fn run(base: &str, requests: &[Request], connections: usize, duration: Duration) -> Figures {
    let dir = tempfile::tempdir().expect("a temp dir");
    let script = dir.path().join("load.lua");
    std::fs::write(&script, lua(requests)).expect("writing the wrk script");
    let output = Command::new("wrk")
        .args([
            "--threads",
            "2",
            "--connections",
            &connections.to_string(),
            "--duration",
            &format!("{}s", duration.as_secs().max(1)),
            "--timeout",
            "10s",
            "--latency",
            "--script",
        ])
        .arg(&script)
        .arg(base)
        .output()
        .expect("wrk runs (cargo xtask bench installs it)");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "wrk failed: {text}");
    parse(&text).unwrap_or_else(|| panic!("unreadable wrk output:\n{text}"))
}

/// The Lua script: the requests as data, and `request()` picking the next one.
fn lua(requests: &[Request]) -> String {
    let mut out = String::from("local requests = {}\n");
    for (i, r) in requests.iter().enumerate() {
        let headers = r
            .headers
            .iter()
            .map(|(name, value)| format!("{{{}, {}}}", quoted(name), quoted(value)))
            .collect::<Vec<_>>()
            .join(", ");
        let body = r
            .body
            .as_deref()
            .map(quoted)
            .unwrap_or_else(|| "nil".into());
        let _ = writeln!(
            out,
            "requests[{}] = {{method = {}, path = {}, headers = {{{headers}}}, body = {body}}}",
            i + 1,
            quoted(r.method),
            quoted(&r.path)
        );
    }
    out.push_str(
        r#"
local made = 0
function setup(thread)
  made = made + 1
  thread:set("thread_no", made)
end

local seq = 0
function request()
  seq = seq + 1
  local r = requests[(seq % #requests) + 1]
  local unique = tostring(thread_no) .. "-" .. tostring(seq) .. "-" .. tostring(os.time())
  local headers = {}
  for _, h in ipairs(r.headers) do
    headers[h[1]] = string.gsub(h[2], "{seq}", unique)
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

function done(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"#,
    );
    out
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Reads `Requests/sec:` and our `RESULT requests errors p50_us p99_us` line.
fn parse(text: &str) -> Option<Figures> {
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))?
        .trim()
        .parse()
        .ok()?;
    let result = text.lines().find_map(|l| l.strip_prefix("RESULT "))?;
    let numbers: Vec<f64> = result
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let [requests, errors, p50_us, p99_us] = numbers[..] else {
        return None;
    };
    assert!(
        errors == 0.0,
        "{errors} of {requests} requests failed or were refused:\n{text}"
    );
    Some(Figures {
        requests_per_second: rps,
        p50_ms: p50_us / 1000.0,
        p99_ms: p99_us / 1000.0,
    })
}
