//! The shopper portal's entry: `portal.html` loads it for every `/{slug}/...` address.

fn main() {
    rebound_web::mount_portal();
}
