#include "coreresources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE declares a global function, so it is called from outside any namespace.
static void registerCoreResources()
{
    Q_INIT_RESOURCE(core_resources);
}

namespace dopt {

void initCoreResources()
{
    static const bool done = [] {
        registerCoreResources();
        return true;
    }();
    Q_UNUSED(done);
}

} // namespace dopt
