/* Linked into the tarball's binary only (scripts/dist-link-static). Debian ships no static MIT
 * Kerberos library, and libgit2's "Negotiate" HTTP authentication (SPNEGO/Kerberos) is its only
 * user: these stand-ins report GSSAPI as unavailable, so a server that accepts only Negotiate is
 * refused with libgit2's error, while Basic, SSH and local repositories work. The .deb's binary
 * uses Debian's shared libgit2 with real GSSAPI. */
#include <stddef.h>
#include <stdint.h>

typedef uint32_t OM_uint32;
#define UNAVAILABLE (13u << 16) /* GSS_S_FAILURE */

struct unavailable_oid { OM_uint32 length; void *elements; };
static struct unavailable_oid hostbased = {0, NULL};
void *GSS_C_NT_HOSTBASED_SERVICE = &hostbased;

static OM_uint32 fail(OM_uint32 *minor) { if (minor) *minor = 0; return UNAVAILABLE; }

OM_uint32 gss_indicate_mechs(OM_uint32 *minor, void **set) { if (set) *set = NULL; return fail(minor); }
OM_uint32 gss_release_oid_set(OM_uint32 *minor, void **set) { if (set) *set = NULL; if (minor) *minor = 0; return 0; }
OM_uint32 gss_import_name(OM_uint32 *minor, void *buffer, void *type, void **name) { (void)buffer; (void)type; if (name) *name = NULL; return fail(minor); }
OM_uint32 gss_release_name(OM_uint32 *minor, void **name) { if (name) *name = NULL; if (minor) *minor = 0; return 0; }
OM_uint32 gss_init_sec_context(OM_uint32 *minor, void *a, void **b, void *c, void *d, OM_uint32 e, OM_uint32 f, void *g, void *h, void **i, void *j, OM_uint32 *k, OM_uint32 *l) {
    (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)g; (void)h; (void)i; (void)j; (void)k; (void)l;
    return fail(minor);
}
OM_uint32 gss_delete_sec_context(OM_uint32 *minor, void **context, void *token) { (void)token; if (context) *context = NULL; if (minor) *minor = 0; return 0; }
OM_uint32 gss_release_buffer(OM_uint32 *minor, void *buffer) { (void)buffer; if (minor) *minor = 0; return 0; }
OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status, int type, void *mech, OM_uint32 *context, void *buffer) {
    (void)status; (void)type; (void)mech; (void)buffer; if (context) *context = 0; return fail(minor);
}
