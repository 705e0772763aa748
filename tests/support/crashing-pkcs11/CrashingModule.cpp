// A broken PKCS#11 module for the module-probe tests (tests only): C_GetFunctionList answers normally, but
// C_Initialize crashes (CERTDESK_CRASHING_MODE_SEGFAULT: a null-pointer write, SIGSEGV) or never returns
// (CERTDESK_CRASHING_MODE_HANG), as faulty vendor drivers do. Every other function pointer is null: nothing
// gets past C_Initialize.
#include <p11-kit/pkcs11.h>

#include <chrono>
#include <thread>

#define CRASHING_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

CK_RV brokenInitialize(CK_VOID_PTR /*args*/)
{
#if defined(CERTDESK_CRASHING_MODE_SEGFAULT)
    // volatile: the compiler must emit the store; a null write is what a crashing driver does.
    volatile int* volatile target = nullptr;
    *target = 1;
    return CKR_GENERAL_ERROR;
#elif defined(CERTDESK_CRASHING_MODE_HANG)
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
#else
#error "define CERTDESK_CRASHING_MODE_SEGFAULT or CERTDESK_CRASHING_MODE_HANG"
#endif
}

CK_FUNCTION_LIST makeList()
{
    CK_FUNCTION_LIST list = {};
    list.version.major = 2;
    list.version.minor = 40;
    list.C_Initialize = &brokenInitialize;
    return list;
}

CK_FUNCTION_LIST functionList = makeList();

} // namespace

CRASHING_EXPORT CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list)
{
    if (!list)
        return CKR_ARGUMENTS_BAD;
    *list = &functionList;
    return CKR_OK;
}
