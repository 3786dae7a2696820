#ifndef STRATA_BUILD_INFO_H
#define STRATA_BUILD_INFO_H

/// The git commit this binary was built from: `make dist` passes
/// -Xcc -DSTRATA_BUILD_COMMIT='"<sha>"'; any other build says "unknown".
const char *strata_build_commit(void);

#endif
