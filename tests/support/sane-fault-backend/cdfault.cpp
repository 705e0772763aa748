/* A SANE backend for the tests of ProcessScanSource: scanners whose drivers misbehave the way real ones do.
 * sane-backends' dll meta-backend loads it as libsane-cdfault.so.1 from a directory on LD_LIBRARY_PATH when
 * dll.conf (in $SANE_CONFIG_DIR) lists "cdfault"; its entry points are therefore named sane_cdfault_*
 * (SANE standard 1.0, section 4.3, and dll.c's symbol lookup).
 *
 * Devices (a grey page of 64 x 64 pixels, 8 bits):
 *   cdfault:hang-read    sends half of the page, then blocks for ever in sane_read
 *   cdfault:crash-read   sends half of the page, then the driver crashes (SIGSEGV)
 *   cdfault:hang-cancel  scans the whole page, then blocks for ever in sane_cancel
 *   cdfault:exit-open    ends the whole process in sane_open (a driver calling exit())
 * CERTDESK_CDFAULT_DEVICES="crash-read,hang-read" lists only those, in that order (a frontend that scans "the
 * first scanner" then gets the first one named). CERTDESK_CDFAULT_HANG_MARKER=FILE: the file is created when
 * a device starts to hang, so that a test knows the driver is stuck.
 */
#include <sane/sane.h>
#include <sane/saneopts.h>

#include <csignal>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

extern "C" {

enum fault
{
    HANG_READ,
    CRASH_READ,
    HANG_CANCEL,
    EXIT_OPEN,
    FAULT_COUNT
};

/* The dll backend shows them as "cdfault:<name>" and passes "<name>" to sane_open. */
static const char* names[FAULT_COUNT] = {"hang-read", "crash-read", "hang-cancel", "exit-open"};
static SANE_Device devices[FAULT_COUNT];
static const SANE_Device* device_list[FAULT_COUNT + 1];

enum
{
    WIDTH = 64,
    HEIGHT = 64,
    PAGE = WIDTH * HEIGHT
};

struct handle
{
    enum fault fault;
    int sent;
    int scanning;
};

static const SANE_Option_Descriptor option_count
    = {SANE_NAME_NUM_OPTIONS, SANE_TITLE_NUM_OPTIONS, SANE_DESC_NUM_OPTIONS, SANE_TYPE_INT, SANE_UNIT_NONE,
        sizeof(SANE_Word), SANE_CAP_SOFT_DETECT, SANE_CONSTRAINT_NONE, {nullptr}};

[[noreturn]] static void block_for_ever()
{
    if (const char* marker = getenv("CERTDESK_CDFAULT_HANG_MARKER")) {
        const int fd = open(marker, O_WRONLY | O_CREAT, 0600);
        if (fd >= 0)
            close(fd);
    }
    for (;;)
        pause();
}

SANE_Status sane_cdfault_init(SANE_Int* version, SANE_Auth_Callback authorize)
{
    (void)authorize;
    if (version)
        *version = SANE_VERSION_CODE(1, 0, 0);
    const char* wanted = getenv("CERTDESK_CDFAULT_DEVICES");
    int listed = 0;
    for (int i = 0; i < FAULT_COUNT; ++i) {
        devices[i].name = names[i];
        devices[i].vendor = "CertDesk";
        devices[i].model = "fault injection";
        devices[i].type = "virtual device";
    }
    if (!wanted) {
        for (int i = 0; i < FAULT_COUNT; ++i)
            device_list[listed++] = &devices[i];
    } else {
        /* In the order given. */
        const char* p = wanted;
        while (*p && listed < FAULT_COUNT) {
            const char* end = strchr(p, ',');
            const size_t length = end ? size_t(end - p) : strlen(p);
            for (int i = 0; i < FAULT_COUNT; ++i) {
                if (strlen(names[i]) == length && strncmp(names[i], p, length) == 0)
                    device_list[listed++] = &devices[i];
            }
            p = end ? end + 1 : p + length;
        }
    }
    device_list[listed] = nullptr;
    return SANE_STATUS_GOOD;
}

void sane_cdfault_exit() { }

SANE_Status sane_cdfault_get_devices(const SANE_Device*** list, SANE_Bool local_only)
{
    (void)local_only;
    *list = device_list;
    return SANE_STATUS_GOOD;
}

SANE_Status sane_cdfault_open(SANE_String_Const name, SANE_Handle* out)
{
    for (int i = 0; i < FAULT_COUNT; ++i) {
        if (strcmp(name, names[i]) == 0) {
            if (i == EXIT_OPEN)
                _exit(7);
            auto* h = static_cast<struct handle*>(calloc(1, sizeof(struct handle)));
            if (!h)
                return SANE_STATUS_NO_MEM;
            h->fault = static_cast<enum fault>(i);
            *out = h;
            return SANE_STATUS_GOOD;
        }
    }
    return SANE_STATUS_INVAL;
}

void sane_cdfault_close(SANE_Handle handle)
{
    free(handle);
}

const SANE_Option_Descriptor* sane_cdfault_get_option_descriptor(SANE_Handle handle, SANE_Int option)
{
    (void)handle;
    return option == 0 ? &option_count : nullptr;
}

SANE_Status sane_cdfault_control_option(
    SANE_Handle handle, SANE_Int option, SANE_Action action, void* value, SANE_Int* info)
{
    (void)handle;
    if (info)
        *info = 0;
    if (option == 0 && action == SANE_ACTION_GET_VALUE) {
        *(SANE_Word*)value = 1;
        return SANE_STATUS_GOOD;
    }
    return SANE_STATUS_INVAL;
}

SANE_Status sane_cdfault_get_parameters(SANE_Handle handle, SANE_Parameters* p)
{
    (void)handle;
    p->format = SANE_FRAME_GRAY;
    p->last_frame = SANE_TRUE;
    p->bytes_per_line = WIDTH;
    p->pixels_per_line = WIDTH;
    p->lines = HEIGHT;
    p->depth = 8;
    return SANE_STATUS_GOOD;
}

SANE_Status sane_cdfault_start(SANE_Handle handle)
{
    auto* h = static_cast<struct handle*>(handle);
    h->sent = 0;
    h->scanning = 1;
    return SANE_STATUS_GOOD;
}

SANE_Status sane_cdfault_read(SANE_Handle handle, SANE_Byte* data, SANE_Int max, SANE_Int* length)
{
    auto* h = static_cast<struct handle*>(handle);
    *length = 0;
    if (h->sent >= PAGE) {
        h->scanning = 0;
        return SANE_STATUS_EOF;
    }
    if (h->sent >= PAGE / 2) {
        if (h->fault == HANG_READ)
            block_for_ever();
        if (h->fault == CRASH_READ)
            raise(SIGSEGV);
    }
    int n = PAGE / 4;
    if (n > max)
        n = max;
    memset(data, 0x80, (size_t)n);
    h->sent += n;
    *length = n;
    return SANE_STATUS_GOOD;
}

void sane_cdfault_cancel(SANE_Handle handle)
{
    auto* h = static_cast<struct handle*>(handle);
    if (h->fault == HANG_CANCEL)
        block_for_ever();
    h->scanning = 0;
}

SANE_Status sane_cdfault_set_io_mode(SANE_Handle handle, SANE_Bool non_blocking)
{
    (void)handle;
    return non_blocking ? SANE_STATUS_UNSUPPORTED : SANE_STATUS_GOOD;
}

SANE_Status sane_cdfault_get_select_fd(SANE_Handle handle, SANE_Int* fd)
{
    (void)handle;
    (void)fd;
    return SANE_STATUS_UNSUPPORTED;
}

} // extern "C"
