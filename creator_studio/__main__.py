from creator_studio.cli import main

raise SystemExit(main())
