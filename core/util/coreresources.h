#pragma once

namespace dopt {

/// Registers dopt_core's resources (the migrations, the analysis templates' catalogue): in a static
/// library nothing would pull their object file into the program without this explicit reference.
/// Safe to call any number of times, from any thread.
void initCoreResources();

} // namespace dopt
