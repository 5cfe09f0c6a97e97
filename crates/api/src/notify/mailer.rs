//! Where mail goes: a real SMTP server when `REBOUND_SMTP_URL` is set, otherwise `.eml` files
//! in the data folder, so a local run needs no mail server and still shows every mail.

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::Path;

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Files(_) => f.write_str("Mailer::Files"),
        }
    }
}

/// One mail ready for the wire.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// Stable per outbox row, so a receiver can drop the copy if a crash made us send twice.
    pub message_id: String,
    pub from: Mailbox,
    pub reply_to: Option<Mailbox>,
    pub to: Mailbox,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

impl Mailer {
    /// `smtp://host:port` (plain or STARTTLS when offered), `smtps://user:pass@host` (TLS):
    /// lettre's URL form.
    pub fn smtp(url: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .with_context(|| "REBOUND_SMTP_URL is not a valid smtp:// or smtps:// URL")?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Mailer::Smtp(transport))
    }

    pub fn files(folder: &Path) -> anyhow::Result<Mailer> {
        std::fs::create_dir_all(folder)
            .with_context(|| format!("creating mail folder {}", folder.display()))?;
        Ok(Mailer::Files(AsyncFileTransport::new(folder)))
    }

    pub async fn send(&self, mail: Envelope) -> anyhow::Result<()> {
        let message = build(mail)?;
        match self {
            Mailer::Smtp(t) => {
                t.send(message).await.context("SMTP delivery")?;
            }
            Mailer::Files(t) => {
                t.send(message).await.context("writing the .eml file")?;
            }
        }
        Ok(())
    }
}

fn build(mail: Envelope) -> anyhow::Result<Message> {
    let mut builder = Message::builder()
        .message_id(Some(mail.message_id))
        .from(mail.from)
        .to(mail.to)
        .subject(mail.subject);
    if let Some(reply_to) = mail.reply_to {
        builder = builder.reply_to(reply_to);
    }
    let body = MultiPart::alternative_plain_html(mail.text, mail.html);
    let message = if mail.attachments.is_empty() {
        builder.multipart(body)
    } else {
        let mut mixed = MultiPart::mixed().multipart(body);
        for (name, content_type, bytes) in mail.attachments {
            let content_type = ContentType::parse(&content_type)
                .unwrap_or(ContentType::parse("application/octet-stream")?);
            let part: SinglePart = Attachment::new(name).body(bytes, content_type);
            mixed = mixed.singlepart(part);
        }
        builder.multipart(mixed)
    };
    message.context("building the message")
}
