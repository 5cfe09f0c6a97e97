//! The staff screens of issue 11: a forgotten password reset through the link of a mail that a
//! real SMTP listener received, and the issue-reports queue (close, reopen, the nav's badge).

use rebound_e2e::{DEMO_EMAIL, DEMO_OWNER, DEMO_SLUG, PATIENCE, spawn_app, spawn_app_with};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A real SMTP listener on a loopback port: enough of RFC 5321 for lettre to deliver to it.
/// It keeps each message's raw text.
struct SmtpSink {
    port: u16,
    inbox: Arc<Mutex<Vec<String>>>,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let sink = inbox.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let sink = sink.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &sink);
                });
            }
        });
        SmtpSink { port, inbox }
    }

    async fn wait_for_message(&self) -> String {
        let started = Instant::now();
        loop {
            if let Some(found) = self.inbox.lock().unwrap().first() {
                return found.clone();
            }
            assert!(started.elapsed() < PATIENCE, "no mail arrived");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    }
}

fn session(stream: std::net::TcpStream, inbox: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut write = stream.try_clone()?;
    let mut lines = BufReader::new(stream);
    write.write_all(b"220 test SMTP ready\r\n")?;
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let upper = line.to_ascii_uppercase();
        let answer: &[u8] = if upper.starts_with("EHLO") {
            b"250-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 go ahead\r\n")?;
            let mut data = String::new();
            loop {
                let mut l = String::new();
                if lines.read_line(&mut l)? == 0 {
                    return Ok(());
                }
                if l == ".\r\n" {
                    break;
                }
                data.push_str(
                    l.strip_prefix('.')
                        .filter(|_| l.starts_with(".."))
                        .unwrap_or(&l),
                );
            }
            inbox.lock().unwrap().push(data);
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            b"250 OK\r\n"
        };
        write.write_all(answer)?;
    }
}

/// The reset link's path in a raw message: quoted-printable soft breaks and `=3D` undone.
fn reset_path(raw: &str) -> String {
    let text = raw.replace("=\r\n", "").replace("=3D", "=");
    let start = text
        .find("/dashboard/password-reset/")
        .expect("the mail carries a reset link");
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_mailed_link() {
    let smtp = SmtpSink::start();
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = spawn_app_with(move |c| {
        c.smtp_url = Some(url);
        c.outbox_poll_ms = 50;
    })
    .await;

    app.open("/dashboard/login").await;
    app.click_text("Forgot password?").await;
    app.wait_path("/dashboard/forgot-password").await;
    app.fill("Email", DEMO_EMAIL).await;
    app.submit().await;
    app.see("If an account uses this address").await;
    app.check_accessibility("forgot password").await;

    let path = reset_path(&smtp.wait_for_message().await);
    app.open(&path).await;
    app.see("Choose a new password").await;
    app.check_accessibility("password reset").await;
    // Too short: the shared rule answers before anything is sent.
    app.fill("New password", "short").await;
    app.submit().await;
    assert_eq!(app.path().await, path);
    app.fill("New password", "a brand new passphrase").await;
    app.submit().await;
    app.wait_path("/dashboard/login").await;
    app.see("Your password is changed").await;

    app.fill("Email", DEMO_EMAIL).await;
    app.fill("Password", "a brand new passphrase").await;
    app.submit().await;
    app.see(DEMO_OWNER).await;

    // The link worked once.
    app.open(&path).await;
    app.fill("New password", "yet another passphrase").await;
    app.submit().await;
    app.see("This link has expired or was already used").await;
    app.finish().await;
}

/// Clicks the visible button or link whose text starts with `text` (a badge or a hidden
/// "which one" may follow it).
async fn click_starting(app: &rebound_e2e::TestApp, text: &str) {
    app.wait_js(
        &format!("a button or link starting {text:?}"),
        "const el = [...document.querySelectorAll('button,a')]
            .find(e => e.offsetParent !== null && e.textContent.trim().startsWith(arguments[0]));
         if (!el) return false;
         el.click();
         return true;",
        vec![json!(text)],
    )
    .await;
}

#[tokio::test]
async fn issue_reports_are_closed_and_reopened_from_the_queue() {
    let app = spawn_app().await;
    app.sign_in_by_api().await;
    // A shopper reports a missing item on a demo order, through the portal's API.
    let (order, contact) = crate::demo_orders::recent_orders()[0].clone();
    let reported = app
        .js(
            "const [slug, order, contact] = arguments;
             return (async () => {
               const base = '/api/v1/portal/' + slug;
               const r = await fetch(base + '/lookup', { method: 'POST',
                 headers: { 'Content-Type': 'application/json' },
                 body: JSON.stringify({ order, contact }) });
               const token = (await r.json()).access_token;
               const sent = await fetch(base + '/order/issues', { method: 'POST',
                 headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
                 body: JSON.stringify({ issue_type: 'missing_item', message: 'The mitts were not in the box' }) });
               return sent.status;
             })();",
            vec![json!(DEMO_SLUG), json!(order), json!(contact)],
        )
        .await;
    assert_eq!(reported, json!(201));

    app.open("/dashboard").await;
    // The nav's Issues entry carries the open count.
    app.wait_js(
        "the open-issues badge",
        "const b = document.querySelector('.issues-badge'); return b && b.textContent.trim() === '1';",
        vec![],
    )
    .await;
    click_starting(&app, "Issues").await;
    app.wait_path("/dashboard/issues").await;
    app.see("The mitts were not in the box").await;
    app.check_accessibility("issue reports").await;

    click_starting(&app, "Close: ").await;
    app.see("No issue reports here").await;
    app.wait_js(
        "the badge to go at zero",
        "return document.querySelector('.issues-badge') === null;",
        vec![],
    )
    .await;
    app.click_text("Closed").await;
    app.see("The mitts were not in the box").await;
    click_starting(&app, "Reopen: ").await;
    app.see("No issue reports here").await;
    app.click_text("Open").await;
    app.see("The mitts were not in the box").await;
    app.finish().await;
}
